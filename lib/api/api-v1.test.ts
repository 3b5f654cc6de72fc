import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { withApiTestDatabase } from "@/lib/api/testing/api-test-database";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import type { LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";
import { BO } from "../../sandbox/test/support/test-sandbox";

import type * as AccessTokenRoute from "@/app/api/v1/merchants/[merchantId]/access-token/route";
import type * as MerchantRoute from "@/app/api/v1/merchants/[merchantId]/route";
import type * as MerchantsRoute from "@/app/api/v1/merchants/route";
import type * as CreateApiKey from "@/lib/api-keys/create-api-key";
import type * as RevokeApiKey from "@/lib/api-keys/revoke-api-key";

/** The /api/v1 route handlers, called as Next calls them, against a real database and sandbox. */
let db: Database;
let harness: LifecycleHarness;
let createApiKey: typeof CreateApiKey.createApiKey;
let revokeApiKey: typeof RevokeApiKey.revokeApiKey;
let merchantsRoute: typeof MerchantsRoute;
let merchantRoute: typeof MerchantRoute;
let accessTokenRoute: typeof AccessTokenRoute;

withApiTestDatabase(async (client, started) => {
  db = client;
  harness = started;
  ({ createApiKey } = await import("@/lib/api-keys/create-api-key"));
  ({ revokeApiKey } = await import("@/lib/api-keys/revoke-api-key"));
  merchantsRoute = await import("@/app/api/v1/merchants/route");
  merchantRoute = await import("@/app/api/v1/merchants/[merchantId]/route");
  accessTokenRoute = await import("@/app/api/v1/merchants/[merchantId]/access-token/route");
});

const admin: CurrentStaff = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" };
const ALL_SCOPES: ApiKeyScope[] = ["merchants:read", "tokens:issue"];

async function newKey(options: { environments?: string[]; scopes?: ApiKeyScope[] } = {}) {
  const created = await createApiKey({
    input: {
      name: "Billing",
      environments: options.environments ?? ["sandbox"],
      scopes: options.scopes ?? ALL_SCOPES,
      expiresOn: null,
      returnUrlOrigins: [],
    },
    staff: admin,
  });
  return created;
}

function request(
  path: string,
  secret: string | null,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers);
  if (secret) headers.set("authorization", `Bearer ${secret}`);
  return new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers });
}

const noParams = { params: Promise.resolve({} as Record<string, never>) };
const merchantParams = (merchantId: string) => ({ params: Promise.resolve({ merchantId }) });

async function listMerchants(secret: string | null, query = "") {
  return merchantsRoute.GET(request(`/api/v1/merchants${query}`, secret), noParams);
}

async function issueToken(secret: string | null, merchantId: string) {
  return accessTokenRoute.POST(
    request(`/api/v1/merchants/${merchantId}/access-token`, secret, { method: "POST" }),
    merchantParams(merchantId),
  );
}

/** A time after everything written so far: waits until the clock has moved past the current millisecond. */
async function aMomentLater(): Promise<Date> {
  const now = Date.now();
  await expect.poll(() => Date.now(), { interval: 1 }).toBeGreaterThan(now);
  return new Date();
}

type Problem = { type: string; title: string; status: number; detail: string; reason?: string };

describe(`the integrator API, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("answers a missing, malformed, unknown, revoked or expired key with one and the same 401", async () => {
    const revoked = await newKey();
    await revokeApiKey({ apiKeyId: revoked.apiKeyId, staff: admin });
    const expired = await newKey();
    await db.apiKey.update({ where: { id: expired.apiKeyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const unknown = `mplc_test_${"A".repeat(40)}`;
    const answers = await Promise.all(
      [null, "nonsense", unknown, revoked.secret, expired.secret].map((secret) => listMerchants(secret)),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
    expect(answers[0]!.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(bodies[0]!)).toMatchObject({ type: "/api/v1/problems/invalid-api-key", status: 401 });
  });

  it("ignores staff session cookies: without a key, a cookie gets the same 401", async () => {
    const answer = await merchantsRoute.GET(
      new NextRequest("http://localhost:3000/api/v1/merchants", {
        headers: { cookie: "next-auth.session-token=anything; __Secure-next-auth.session-token=anything" },
      }),
      noParams,
    );
    expect(answer.status).toBe(401);
  });

  it("refuses an endpoint whose scope the key lacks, with the scope named", async () => {
    const readOnly = await newKey({ scopes: ["merchants:read"] });
    const tokensOnly = await newKey({ scopes: ["tokens:issue"] });
    const merchantId = await storeMerchant(db, "Scoped ApS");
    const denied = await issueToken(readOnly.secret, merchantId);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({
      type: "/api/v1/problems/scope-missing",
      required_scope: "tokens:issue",
    });
    expect((await listMerchants(tokensOnly.secret)).status).toBe(403);
    const detail = await merchantRoute.GET(
      request(`/api/v1/merchants/${merchantId}`, tokensOnly.secret),
      merchantParams(merchantId),
    );
    expect(detail.status).toBe(403);
  });

  it("never shows a key a merchant of an environment it lacks: 404 like an unknown id, and absent from lists", async () => {
    const sandboxKey = await newKey({ environments: ["sandbox"] });
    const production = await storeMerchant(db, "Live Only ApS", {
      merchant: { environment: "production", vatNumber: "DK55555555" },
    });
    const detail = await merchantRoute.GET(
      request(`/api/v1/merchants/${production}`, sandboxKey.secret),
      merchantParams(production),
    );
    const unknown = await merchantRoute.GET(
      request(`/api/v1/merchants/no-such-merchant`, sandboxKey.secret),
      merchantParams("no-such-merchant"),
    );
    expect(detail.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(((await detail.json()) as Problem).type).toBe(((await unknown.json()) as Problem).type);
    expect((await issueToken(sandboxKey.secret, production)).status).toBe(404);
    const listed = (await (await listMerchants(sandboxKey.secret, "?limit=200")).json()) as { data: { id: string }[] };
    expect(listed.data.map((merchant) => merchant.id)).not.toContain(production);
    const filtered = await listMerchants(sandboxKey.secret, "?environment=production");
    expect(((await filtered.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("pages merchants by keyset and filters by state, VAT and updated-since", async () => {
    const key = await newKey({ environments: ["test"] });
    const since = await aMomentLater();
    const ids = [];
    for (const [index, failureKind] of [null, "transient", "terminal", null].entries()) {
      ids.push(
        await storeMerchant(db, `Paged ${index} ApS`, {
          merchant: { environment: "test", vatNumber: `DK2000000${index}` },
          tokenSet: {
            failureKind,
            failureReason: failureKind ? "invalid_grant" : null,
            accessTokenExpiresAt: new Date(Date.now() + 300_000),
          },
        }),
      );
    }
    ids.push(await storeMerchant(db, "Unlinked ApS", { merchant: { environment: "test" }, tokenSet: null }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await listMerchants(key.secret, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      const page = (await answer.json()) as { data: { id: string }[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((merchant) => merchant.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort());

    const states = async (state: string) =>
      ((await (await listMerchants(key.secret, `?state=${state}`)).json()) as { data: { id: string; state: string }[] })
        .data;
    expect((await states("active")).map((merchant) => merchant.id).sort()).toEqual([ids[0], ids[3]].sort());
    expect((await states("degraded")).map((merchant) => merchant.id)).toEqual([ids[1]]);
    expect((await states("relink_needed")).map((merchant) => merchant.id)).toEqual([ids[2]]);
    expect((await states("unlinked")).map((merchant) => merchant.id)).toEqual([ids[4]]);
    for (const state of ["active", "degraded", "relink_needed", "unlinked"]) {
      expect((await states(state)).every((merchant) => merchant.state === state)).toBe(true);
    }

    const byVat = (await (await listMerchants(key.secret, "?vat=dk20000001")).json()) as { data: { id: string }[] };
    expect(byVat.data.map((merchant) => merchant.id)).toEqual([ids[1]]);

    await db.merchantTokenSet.update({ where: { merchantId: ids[3]! }, data: { failureKind: "transient" } });
    const changed = (await (
      await listMerchants(key.secret, `?updated_since=${encodeURIComponent((await aMomentLater()).toISOString())}`)
    ).json()) as { data: { id: string }[] };
    expect(changed.data).toEqual([]);
    const sinceStart = (await (
      await listMerchants(key.secret, `?updated_since=${encodeURIComponent(since.toISOString())}`)
    ).json()) as { data: { id: string }[] };
    expect(sinceStart.data).toHaveLength(5);

    const invalid = await listMerchants(key.secret, "?limit=0&state=sleepy");
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ type: "/api/v1/problems/invalid-request" });
  });

  it("files a refresh in flight under active and an interrupted one under degraded, as each answer shows", async () => {
    const key = await newKey({ environments: ["test"] });
    const expiresAt = new Date(Date.now() + 300_000);
    const cases = [
      {
        vat: "DK30000001",
        state: "active",
        tokenSet: {
          failureKind: "transient",
          leaseUntil: new Date(Date.now() + 60_000),
          accessTokenExpiresAt: expiresAt,
        },
      },
      {
        vat: "DK30000002",
        state: "degraded",
        tokenSet: { refreshStartedAt: new Date(Date.now() - 60_000), accessTokenExpiresAt: expiresAt },
      },
      { vat: "DK30000003", state: "active", tokenSet: { accessTokenExpiresAt: new Date(Date.now() + 30_000) } },
    ];
    for (const { vat, state, tokenSet } of cases) {
      const id = await storeMerchant(db, `Filed ${vat} ApS`, {
        merchant: { environment: "test", vatNumber: vat },
        tokenSet,
      });
      for (const filter of ["active", "degraded", "relink_needed", "unlinked"]) {
        const answer = await listMerchants(key.secret, `?vat=${vat}&state=${filter}`);
        const page = (await answer.json()) as { data: { id: string; state: string }[] };
        expect(page.data, `${vat} filtered by ${filter}`).toEqual(
          filter === state ? [expect.objectContaining({ id, state })] : [],
        );
      }
    }
  });

  it("shows one merchant's connection state, failure reason, scopes, expiry and console link", async () => {
    const key = await newKey({ environments: ["test"] });
    const merchantId = await storeMerchant(db, "Relink Me ApS", {
      merchant: { environment: "test", mobilePayId: "mp-1" },
      tokenSet: {
        failureKind: "terminal",
        failureReason: "invalid_grant: refresh token revoked",
        grantedScopes: "openid invoice",
      },
    });
    const answer = await merchantRoute.GET(
      request(`/api/v1/merchants/${merchantId}`, key.secret),
      merchantParams(merchantId),
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      id: merchantId,
      state: "relink_needed",
      connection: {
        state: "relink_needed",
        failure_kind: "terminal",
        failure_reason: "invalid_grant: refresh token revoked",
      },
      scopes: ["openid", "invoice"],
      console_url: `http://localhost:3000/merchants/${merchantId}`,
    });
    const refused = await issueToken(key.secret, merchantId);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      type: "/api/v1/problems/relink-needed",
      reason: "invalid_grant: refresh token revoked",
    });
  });

  it("reads merchant and token set for a handout in one statement that shows what the merchant endpoint shows", async () => {
    const { readApiMerchants, apiMerchantFromTokenSet } = await import("./read-api-merchants");
    const { readStoredSets } = await import("@/lib/tokens/read-stored-sets");
    const now = new Date();
    const ids = [
      await storeMerchant(db, "Same View ApS", { merchant: { environment: "test", mobilePayId: "mp-view" } }),
      await storeMerchant(db, "Same View Failing ApS", {
        merchant: { environment: "test", unlinkedAt: new Date(now.getTime() - 60_000) },
        tokenSet: { failureKind: "transient", failureReason: "timeout", failureAt: now, lastRefreshedAt: now },
      }),
    ];
    for (const merchantId of ids) {
      const [viaList] = await readApiMerchants(db, { environments: ["test"], merchantId, limit: 1 }, "http://x/", now);
      const [set] = await readStoredSets(db, [merchantId]);
      expect(apiMerchantFromTokenSet(set!, "http://x/", now)).toEqual(viaList);
    }
  });

  it("answers a handout for a merchant without tokens not-linked, and one of another environment 404", async () => {
    const key = await newKey({ environments: ["test"] });
    const unlinked = await storeMerchant(db, "No Tokens ApS", { merchant: { environment: "test" }, tokenSet: null });
    const elsewhere = await storeMerchant(db, "No Tokens Live ApS", {
      merchant: { environment: "production" },
      tokenSet: null,
    });
    const refused = await issueToken(key.secret, unlinked);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).type).toBe("/api/v1/problems/not-linked");
    expect((await issueToken(key.secret, elsewhere)).status).toBe(404);
    expect(await db.tokenHandout.count({ where: { merchantId: { in: [unlinked, elsewhere] } } })).toBe(0);
  });

  it("hands out a fresh token: one refresh for many callers of an expired merchant, each handout recorded", async () => {
    const key = await newKey();
    const merchantId = await harness.linkMerchant({ email: BO.email, password: BO.password, vat: BO.merchant.vat });
    const fresh = await issueToken(key.secret, merchantId);
    expect(fresh.status).toBe(200);
    const first = (await fresh.json()) as {
      access_token: string;
      refreshed: boolean;
      expires_at: string;
      scope: string;
    };
    expect(first.refreshed).toBe(false);
    expect(new Date(first.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(first.scope).toContain("invoice");

    await db.merchantTokenSet.update({
      where: { merchantId },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const before = await harness.refreshesServed();
    const answers = await Promise.all(Array.from({ length: 20 }, () => issueToken(key.secret, merchantId)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const tokens = (await Promise.all(answers.map((answer) => answer.json()))) as { access_token: string }[];
    expect(new Set(tokens.map((token) => token.access_token)).size).toBe(1);
    expect(tokens[0]!.access_token).not.toBe(first.access_token);
    expect(await harness.refreshesServed()).toBe(before + 1);

    const handouts = await db.tokenHandout.findMany({ where: { merchantId } });
    expect(handouts).toHaveLength(21);
    expect(handouts.every((handout) => handout.apiKeyId === key.apiKeyId)).toBe(true);
    expect(handouts.filter((handout) => handout.refreshed).length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(handouts)).not.toContain(first.access_token);

    const { summarizeTokenHandouts, listMerchantTokenHandouts, merchantTokenHandouts, startOfMonth } =
      await import("./list-token-handouts");
    const summary = await summarizeTokenHandouts(db, { since: startOfMonth(), environments: null, merchantId });
    expect(summary).toEqual([
      expect.objectContaining({ merchantId, apiKeyId: key.apiKeyId, apiKeyName: "Billing", handouts: 21 }),
    ]);
    expect(summary[0]!.refreshed).toBe(handouts.filter((handout) => handout.refreshed).length);
    expect(
      await summarizeTokenHandouts(db, { since: startOfMonth(), environments: ["production"], merchantId }),
    ).toEqual([]);
    const latest = await listMerchantTokenHandouts(db, merchantId, 5);
    expect(latest).toHaveLength(5);
    expect(latest[0]).toMatchObject({ apiKeyId: key.apiKeyId, apiKeyLastFour: key.lastFour });

    const page = await merchantTokenHandouts(admin, merchantId);
    expect(page?.thisMonth).toEqual(summary);
    expect(page?.recent).toHaveLength(21);
    expect(page?.merchantName).toBe(summary[0]!.merchantName);
    const production = await storeMerchant(db, "Handouts Live ApS", { merchant: { environment: "production" } });
    expect(await merchantTokenHandouts({ role: "demo" }, production)).toBeNull();
    expect(await merchantTokenHandouts(admin, production)).toMatchObject({ thisMonth: [], recent: [] });
    expect(await merchantTokenHandouts(admin, "no-such-merchant")).toBeNull();
  });

  it("answers 429 with Retry-After once a key has used its budget", async () => {
    const { ApiRateLimit } = await import("@/lib/api-keys/api-rate-limit");
    const limit = new ApiRateLimit(4, 2);
    expect(await limit.take("key-a")).toEqual({ allowed: true });
    expect(await limit.take("key-a")).toEqual({ allowed: true });
    const refused = await limit.take("key-a");
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await limit.take("key-b")).toEqual({ allowed: true });
  });
});
