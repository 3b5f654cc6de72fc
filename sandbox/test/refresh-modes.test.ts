import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { callApi, INVOICE_ME } from "./support/api-client";
import { ControlClient } from "./support/control-client";
import { linkAndRedeem } from "./support/hybrid-flow";
import { BO, CONSOLE_CLIENT, REUSE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

const DAY_SECONDS = 86_400;
const THIRTEEN_MONTHS_SECONDS = 396 * DAY_SECONDS;

describe("refresh token usage per client", () => {
  let fixture: TestSandbox;
  let control: ControlClient;

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
  });
  afterAll(async () => fixture.stop());

  describe("OneTime (rotating), the default", () => {
    const tokens = () => new TokenClient(fixture.url, CONSOLE_CLIENT);

    it("returns a new refresh token on every refresh and refuses the old one with invalid_grant", async () => {
      const linked = await linkAndRedeem(fixture.url, {
        client: CONSOLE_CLIENT,
        email: BO.email,
        password: BO.password,
      });
      const first = await tokens().refresh(linked.refreshToken);
      expect(first.status).toBe(200);
      const rotated = first.body.refresh_token ?? "";
      expect(rotated).not.toBe(linked.refreshToken);

      const stale = await tokens().refresh(linked.refreshToken);
      expect(stale.status).toBe(400);
      expect(stale.body.error).toBe("invalid_grant");

      // Like IdentityServer's OneTimeOnly: the stale token is unknown, the chain itself lives on.
      const next = await tokens().refresh(rotated);
      expect(next.status).toBe(200);
      expect((await callApi(fixture.url, next.body.access_token, "GET", INVOICE_ME)).status).toBe(200);
    });

    it("can be switched to revoke the whole grant when a stale token comes back", async () => {
      await control.json("PUT", "/control/settings", { staleRefreshTokenRevokesGrant: true });
      try {
        const linked = await linkAndRedeem(fixture.url, {
          client: CONSOLE_CLIENT,
          email: BO.email,
          password: BO.password,
        });
        const rotated = (await tokens().refresh(linked.refreshToken)).body.refresh_token ?? "";
        expect((await tokens().refresh(linked.refreshToken)).body.error).toBe("invalid_grant");
        const newest = await tokens().refresh(rotated);
        expect(newest.status).toBe(400);
        expect(newest.body.error).toBe("invalid_grant");
      } finally {
        await control.json("PUT", "/control/settings", { staleRefreshTokenRevokesGrant: false });
      }
    });

    it("gives each refresh token a fresh 13-month lifetime", async () => {
      const linked = await linkAndRedeem(fixture.url, {
        client: CONSOLE_CLIENT,
        email: BO.email,
        password: BO.password,
      });
      const introspection = await tokens().introspect(linked.refreshToken);
      expect(introspection.active).toBe(true);
      expect(Number(introspection.exp) - Number(introspection.iat)).toBe(THIRTEEN_MONTHS_SECONDS);
    });

    it("counts the refreshes it served per client", async () => {
      await control.call("POST", "/control/reset");
      const linked = await linkAndRedeem(fixture.url, {
        client: CONSOLE_CLIENT,
        email: BO.email,
        password: BO.password,
      });
      await tokens().refresh(linked.refreshToken);
      await tokens().refresh(linked.refreshToken);
      const counters = (await control.state()).tokenEndpoint[CONSOLE_CLIENT.clientId];
      expect(counters).toMatchObject({
        authorizationCodesServed: 1,
        refreshRequests: 2,
        refreshesServed: 1,
        failedRequests: 1,
      });
    });
  });

  describe("ReUse", () => {
    const tokens = () => new TokenClient(fixture.url, REUSE_CLIENT, "client_secret_basic");

    it("keeps the same refresh token, which can be used again and again", async () => {
      const linked = await linkAndRedeem(fixture.url, { client: REUSE_CLIENT, email: BO.email, password: BO.password });
      for (let round = 0; round < 3; round += 1) {
        const refreshed = await tokens().refresh(linked.refreshToken);
        expect(refreshed.status).toBe(200);
        expect(refreshed.body.refresh_token).toBe(linked.refreshToken);
        expect((await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME)).status).toBe(200);
      }
    });

    it("slides the 13-month lifetime forward on each use", async () => {
      const linked = await linkAndRedeem(fixture.url, { client: REUSE_CLIENT, email: BO.email, password: BO.password });
      const before = Number((await tokens().introspect(linked.refreshToken)).exp);
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + 10 * DAY_SECONDS * 1000);
        expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
        const after = Number((await tokens().introspect(linked.refreshToken)).exp);
        expect(after - before).toBeGreaterThanOrEqual(10 * DAY_SECONDS - 5);
        expect(after - before).toBeLessThanOrEqual(10 * DAY_SECONDS + 5);
      } finally {
        vi.useRealTimers();
      }
    });

    it("stops working once revoked", async () => {
      const linked = await linkAndRedeem(fixture.url, { client: REUSE_CLIENT, email: BO.email, password: BO.password });
      expect(await tokens().revoke(linked.refreshToken)).toBe(200);
      expect((await tokens().refresh(linked.refreshToken)).body.error).toBe("invalid_grant");
    });
  });

  it("refuses a refresh token presented by another client", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    const stolen = await new TokenClient(fixture.url, REUSE_CLIENT).refresh(linked.refreshToken);
    expect(stolen.body.error).toBe("invalid_grant");
    expect((await new TokenClient(fixture.url, CONSOLE_CLIENT).refresh(linked.refreshToken)).status).toBe(200);
  });
});
