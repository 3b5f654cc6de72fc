import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TokenClient } from "../../sandbox/test/support/token-client";
import { ANNA, BO, CONSOLE_CLIENT, MIKKO } from "../../sandbox/test/support/test-sandbox";

import type { getDb } from "@/lib/db/client";
import { scaled } from "@/lib/testing/test-slowness";

import type { getAccessToken, waitForRefreshesInFlight } from "./get-access-token";
import type { readTokenSet } from "./read-token-set";
import type { refreshTokenSet } from "./refresh-token-set";
import { startLifecycleHarness, type LifecycleHarness } from "./testing/lifecycle-harness";
import type { withMerchantAccessToken } from "./with-merchant-access-token";

const run = promisify(execFile);
const system = { type: "system", label: "test" } as const;

let harness: LifecycleHarness;
let lifecycle: {
  getAccessToken: typeof getAccessToken;
  waitForRefreshesInFlight: typeof waitForRefreshesInFlight;
  withMerchantAccessToken: typeof withMerchantAccessToken;
  refreshTokenSet: typeof refreshTokenSet;
  getDb: typeof getDb;
  readTokenSet: typeof readTokenSet;
};

beforeAll(async () => {
  harness = await startLifecycleHarness();
  lifecycle = {
    ...(await import("./get-access-token")),
    ...(await import("./with-merchant-access-token")),
    ...(await import("./refresh-token-set")),
    ...(await import("@/lib/db/client")),
    ...(await import("./read-token-set")),
  };
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function expireStoredAccessToken(merchantId: string) {
  await lifecycle.getDb().merchantTokenSet.update({
    where: { merchantId },
    data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
  });
}

async function storedSet(merchantId: string) {
  return lifecycle.getDb().merchantTokenSet.findUniqueOrThrow({
    where: { merchantId },
    omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  });
}

describe("token service against the sandbox OP", () => {
  let merchantId: string;

  beforeAll(async () => {
    merchantId = await harness.linkMerchant({
      email: ANNA.email,
      password: ANNA.password,
      vat: ANNA.danishMerchant.vat,
    });
  });

  it("returns the stored token while it is fresh, without asking the OP", async () => {
    const before = await harness.refreshesServed();
    const grant = await lifecycle.getAccessToken(merchantId, { actor: system });
    expect(grant.refreshed).toBe(false);
    expect(await harness.refreshesServed()).toBe(before);
  });

  it("50 concurrent requests on an expired merchant cause exactly one refresh and share its token", async () => {
    await expireStoredAccessToken(merchantId);
    const before = await harness.refreshesServed();
    const versionBefore = (await storedSet(merchantId)).version;
    const grants = await Promise.all(
      Array.from({ length: 50 }, () => lifecycle.getAccessToken(merchantId, { actor: system })),
    );
    expect(await harness.refreshesServed()).toBe(before + 1);
    expect(new Set(grants.map((grant) => grant.accessToken)).size).toBe(1);
    // Callers have the token once it passed its checks; the new set is stored right after.
    await lifecycle.waitForRefreshesInFlight();
    const after = await storedSet(merchantId);
    expect(after.version).toBe(versionBefore + 1);
    expect(after.rotationMode).toBe("OneTime");
    expect(after.previousRefreshTokenFingerprint).not.toBe(after.refreshTokenFingerprint);
  });

  it("two app processes on one database refresh an expired merchant exactly once", async () => {
    await expireStoredAccessToken(merchantId);
    const before = await harness.refreshesServed();
    const child = () =>
      run(
        path.join("node_modules", ".bin", "tsx"),
        ["--conditions=react-server", "lib/tokens/testing/concurrent-token-requests.ts", merchantId, "25"],
        { env: { ...process.env, ...harness.env, FORCE_COLOR: "0" }, timeout: scaled(60_000) },
      );
    const outputs = await Promise.all([child(), child()]);
    const results = outputs.flatMap(
      ({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1)!) as { token?: string }[],
    );
    expect(results).toHaveLength(50);
    expect(results.filter((result) => !result.token)).toEqual([]);
    expect(new Set(results.map((result) => result.token)).size).toBe(1);
    expect(await harness.refreshesServed()).toBe(before + 1);
  }, 90_000);

  it("a 5xx from the token endpoint is transient: the token set is kept and retried after backoff", async () => {
    const before = await storedSet(merchantId);
    await harness.control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
    await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
    });
    const failed = await storedSet(merchantId);
    expect(failed.failureKind).toBe("transient");
    expect(failed.failureReason).toMatch(/temporary/);
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(failed.refreshTokenCiphertext).toBe(before.refreshTokenCiphertext);
    expect(failed.accessTokenCiphertext).toBe(before.accessTokenCiphertext);
    expect(failed.leaseUntil).toBeNull();

    const recovered = await lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" });
    expect(recovered.kind).toBe("refreshed");
    const after = await storedSet(merchantId);
    expect(after.failureKind).toBeNull();
    expect(after.consecutiveFailures).toBe(0);
  });

  it("401 from an API means one refresh and one retry, never a loop", async () => {
    let calls = 0;
    const tokensSeen: string[] = [];
    const outcome = await lifecycle.withMerchantAccessToken(merchantId, system, async (token) => {
      calls += 1;
      tokensSeen.push(token);
      return { status: calls === 1 ? 401 : 200, value: "ok" };
    });
    expect(outcome).toMatchObject({ status: 200, refreshed: true, retriedAfter401: true });
    expect(calls).toBe(2);
    expect(tokensSeen[0]).not.toBe(tokensSeen[1]);

    const before = await harness.refreshesServed();
    let attempts = 0;
    const stillRefused = await lifecycle.withMerchantAccessToken(merchantId, system, async () => {
      attempts += 1;
      return { status: 401, value: null };
    });
    expect(stillRefused).toMatchObject({ status: 401, retriedAfter401: true });
    expect(attempts).toBe(2);
    expect(await harness.refreshesServed()).toBe(before + 1);
  });
});

describe("terminal and crash cases", () => {
  it("a grant revoked at the OP makes the link 'relink needed' and keeps the token set", async () => {
    const merchantId = await harness.linkMerchant({ email: BO.email, password: BO.password, vat: BO.merchant.vat });
    const before = await storedSet(merchantId);
    await harness.control.json("POST", "/control/grants/revoke", { merchantId: BO.merchant.id });
    await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const after = await storedSet(merchantId);
    expect(after.failureKind).toBe("terminal");
    expect(after.failureReason).toMatch(/Relink the merchant/);
    expect(after.refreshTokenCiphertext).toBe(before.refreshTokenCiphertext);
    await expect(lifecycle.getAccessToken(merchantId, { actor: system, forceRefresh: true })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // A call refused with 409 says why, without promising that the token it refuses to use still works.
    const refusal = await lifecycle.getAccessToken(merchantId, { actor: system }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    const message = (refusal as { userMessage: string }).userMessage;
    expect(message).toMatch(
      /^This link needs relinking: .*until then the console makes no call with this link's tokens\.$/,
    );
    expect(message).not.toMatch(/may work/);
  });

  it("a refresh that died after the OP rotated the token is diagnosed, not silently lost (OneTime)", async () => {
    const merchantId = await harness.linkMerchant({
      email: ANNA.email,
      password: ANNA.password,
      vat: ANNA.finnishMerchant.vat,
    });
    const stored = await lifecycle.readTokenSet(merchantId);
    // The OP rotates the refresh token, but the answer never reaches the database.
    const lost = await new TokenClient(harness.sandbox.url, CONSOLE_CLIENT).refresh(stored!.refreshToken);
    expect(lost.status).toBe(200);
    await lifecycle.getDb().merchantTokenSet.update({
      where: { merchantId },
      data: {
        refreshStartedAt: new Date(Date.now() - 60_000),
        leaseOwner: "dead-instance",
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    // The next attempt meets a hiccup first: transient, and the interrupted refresh still needs its diagnosis.
    await harness.control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
    await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
    });
    const hiccup = await storedSet(merchantId);
    expect(hiccup.failureKind).toBe("transient");
    expect(hiccup.refreshStartedAt).not.toBeNull();
    expect(hiccup.refreshFingerprintSent).toBe(hiccup.refreshTokenFingerprint);

    await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const after = await storedSet(merchantId);
    expect(after.failureKind).toBe("terminal");
    expect(after.failureReason).toMatch(/previous refresh stopped/);
    expect(after.refreshStartedAt).toBeNull();

    // "Refresh now" once more: MobilePay refuses the same token again; the diagnosis stays.
    await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const again = await storedSet(merchantId);
    expect(again.failureReason).toBe(after.failureReason);
    expect(again.failureAt!.getTime()).toBeGreaterThanOrEqual(after.failureAt!.getTime());
  });
});

describe("a refresh answered with another merchant's tokens", () => {
  // Each case spends the merchant's refresh token (the OP served the refresh), so each links it afresh.
  const linkMikko = () =>
    harness.linkMerchant({ email: MIKKO.email, password: MIKKO.password, vat: MIKKO.merchant.vat });
  const unlink = (merchantId: string) => lifecycle.getDb().merchant.delete({ where: { id: merchantId } });

  it.each([
    ["other-merchant", /access token: merchant_vat DK12345678.*id_token: merchant_vat DK12345678/],
    ["other-merchant-access-token", /access token: merchant_vat DK12345678, linked FI87654321/],
    ["other-merchant-id-token", /id_token: merchant_vat DK12345678, linked FI87654321/],
    ["other-merchant-without-id-token", /access token: merchant_vat DK12345678, linked FI87654321/],
  ])("%s: terminal, nothing stored, the previous set kept", async (kind, detail) => {
    const merchantId = await linkMikko();
    try {
      const before = await storedSet(merchantId);
      await harness.control.json("POST", "/control/refresh-answer-fault", { kind });
      await expect(lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/relink needed/),
      });
      const after = await storedSet(merchantId);
      expect(after.failureKind).toBe("terminal");
      expect(after.failureReason).toMatch(/tokens for another merchant than the linked FI87654321/);
      expect(after.failureReason).toMatch(detail);
      expect(after.failureReason).toMatch(/Relink the merchant/);
      expect(after).toMatchObject({
        version: before.version,
        accessTokenCiphertext: before.accessTokenCiphertext,
        refreshTokenCiphertext: before.refreshTokenCiphertext,
        idTokenCiphertext: before.idTokenCiphertext,
        accessTokenClaims: before.accessTokenClaims,
        idTokenClaims: before.idTokenClaims,
        leaseOwner: null,
      });
      const failed = await lifecycle.getDb().auditEvent.findFirstOrThrow({
        where: { merchantId, action: "token.refresh_failed" },
      });
      expect(JSON.parse(failed.details)).toMatchObject({ class: "terminal", failedCheck: "merchant_match" });
      // On-demand callers are told to relink rather than handed anything.
      await expect(lifecycle.getAccessToken(merchantId, { actor: system, forceRefresh: true })).rejects.toMatchObject({
        code: "CONFLICT",
      });
    } finally {
      await unlink(merchantId);
    }
  });

  it("a refresh without id_token is stored when its access token names the linked merchant", async () => {
    const merchantId = await linkMikko();
    try {
      const before = await storedSet(merchantId);
      await harness.control.json("POST", "/control/refresh-answer-fault", { kind: "without-id-token" });
      const outcome = await lifecycle.refreshTokenSet(merchantId, { actor: system, trigger: "manual" });
      expect(outcome).toMatchObject({ kind: "refreshed", version: before.version + 1 });
      const after = await storedSet(merchantId);
      expect(after.failureKind).toBeNull();
      expect(JSON.parse(after.accessTokenClaims)).toMatchObject({ merchant_vat: MIKKO.merchant.vat });
    } finally {
      await unlink(merchantId);
    }
  });
});
