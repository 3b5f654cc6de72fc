import { describe, expect, it } from "vitest";

import { withApiTestDatabase } from "@/lib/api/testing/api-test-database";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";

import type * as Authenticate from "./authenticate-api-key";
import type * as Create from "./create-api-key";
import type * as List from "./list-api-keys";
import type * as Revoke from "./revoke-api-key";

let db: Database;
let createApiKey: typeof Create.createApiKey;
let authenticateApiKey: typeof Authenticate.authenticateApiKey;
let revokeApiKey: typeof Revoke.revokeApiKey;
let listApiKeys: typeof List.listApiKeys;

withApiTestDatabase(async (client) => {
  db = client;
  ({ createApiKey } = await import("./create-api-key"));
  ({ authenticateApiKey } = await import("./authenticate-api-key"));
  ({ revokeApiKey } = await import("./revoke-api-key"));
  ({ listApiKeys } = await import("./list-api-keys"));
});

const admin: CurrentStaff = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" };
const demo: CurrentStaff = { id: "demo-1", email: "demo@example.com", name: "Demo", role: "demo" };
const support: CurrentStaff = { id: "support-1", email: "support@example.com", name: "Support", role: "support" };

function input(overrides: Partial<Create.CreateApiKeyOptions["input"]> = {}): Create.CreateApiKeyOptions["input"] {
  return {
    name: "Billing",
    environments: ["sandbox"],
    scopes: ["merchants:read", "tokens:issue"],
    expiresOn: null,
    returnUrlOrigins: [],
    ...overrides,
  };
}

const bearer = (secret: string) => `Bearer ${secret}`;

/** Every text value of every row of every table: what a database dump would show. */
async function dumpText(): Promise<string> {
  const tables = ["ApiKey", "AuditEvent", "TokenHandout", "ApiConsentLink", "StaffUser", "Merchant"];
  const rows = await Promise.all(tables.map((table) => db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`)));
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
}

describe(`API keys, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("are created with a recognisable secret that the database never holds, and an audit event", async () => {
    const created = await createApiKey({ input: input(), staff: admin });
    expect(created.secret).toMatch(/^mplc_test_[0-9A-Za-z]{40}$/);
    expect(created.lastFour).toBe(created.secret.slice(-4));
    const dump = await dumpText();
    expect(dump).not.toContain(created.secret);
    expect(dump).not.toContain(created.secret.slice(10, 30));
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "api_key.created" } });
    expect(JSON.parse(event.details)).toMatchObject({ apiKeyId: created.apiKeyId, lastFour: created.lastFour });
    expect(event.actorLabel).toBe(admin.email);
  });

  it("are live keys for production, and never for production and a sandbox together", async () => {
    const live = await createApiKey({ input: input({ environments: ["production"] }), staff: admin });
    expect(live.secret).toMatch(/^mplc_live_/);
    await expect(
      createApiKey({ input: input({ environments: ["production", "sandbox"] }), staff: admin }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("may be created by demo staff for sandboxes only", async () => {
    await expect(createApiKey({ input: input({ environments: ["sandbox"] }), staff: demo })).resolves.toBeTruthy();
    await expect(createApiKey({ input: input({ environments: ["production"] }), staff: demo })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("authenticate a request with the secret, and refuse a wrong, malformed, revoked or expired one", async () => {
    const created = await createApiKey({
      input: input({ returnUrlOrigins: ["https://billing.example"] }),
      staff: admin,
    });
    const accepted = await authenticateApiKey(db, bearer(created.secret));
    expect(accepted).toEqual({
      ok: true,
      principal: {
        keyId: created.apiKeyId,
        name: "Billing",
        environments: ["sandbox"],
        scopes: ["merchants:read", "tokens:issue"],
        returnUrlOrigins: ["https://billing.example"],
      },
    });
    const wrong = `${created.secret.slice(0, -1)}${created.secret.endsWith("A") ? "B" : "A"}`;
    expect(await authenticateApiKey(db, bearer(wrong))).toEqual({ ok: false, refusal: "unknown" });
    expect(await authenticateApiKey(db, bearer("not-a-key"))).toEqual({ ok: false, refusal: "malformed" });
    expect(await authenticateApiKey(db, null)).toEqual({ ok: false, refusal: "missing" });
    expect(await authenticateApiKey(db, `Basic ${created.secret}`)).toEqual({ ok: false, refusal: "missing" });

    await revokeApiKey({ apiKeyId: created.apiKeyId, staff: admin });
    expect(await authenticateApiKey(db, bearer(created.secret))).toEqual({ ok: false, refusal: "revoked" });

    const expiring = await createApiKey({ input: input({ expiresOn: new Date(Date.now() + 60_000) }), staff: admin });
    expect((await authenticateApiKey(db, bearer(expiring.secret))).ok).toBe(true);
    const later = new Date(Date.now() + 120_000);
    expect(await authenticateApiKey(db, bearer(expiring.secret), later)).toEqual({ ok: false, refusal: "expired" });
  });

  it("note when a key was last used, at most once a minute", async () => {
    const created = await createApiKey({ input: input(), staff: admin });
    await authenticateApiKey(db, bearer(created.secret));
    await expect
      .poll(async () => (await db.apiKey.findUniqueOrThrow({ where: { id: created.apiKeyId } })).lastUsedAt)
      .not.toBeNull();
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: created.apiKeyId } })).lastUsedAt!;
    await authenticateApiKey(db, bearer(created.secret), new Date(first.getTime() + 5_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.apiKeyId } })).lastUsedAt).toEqual(first);
  });

  it("are revoked once, with one audit event, and demo staff cannot reach production keys", async () => {
    const live = await createApiKey({
      input: input({ name: "Live billing", environments: ["production"] }),
      staff: admin,
    });
    await expect(revokeApiKey({ apiKeyId: live.apiKeyId, staff: demo })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeApiKey({ apiKeyId: live.apiKeyId, staff: admin });
    await revokeApiKey({ apiKeyId: live.apiKeyId, staff: admin });
    const events = await db.auditEvent.findMany({ where: { action: "api_key.revoked" } });
    expect(events.filter((event) => event.details.includes(live.apiKeyId))).toHaveLength(1);
  });

  it("are listed without secrets: support sees every key, demo staff only sandbox keys", async () => {
    const live = await createApiKey({ input: input({ name: "Ledger", environments: ["production"] }), staff: admin });
    const everyKey = await listApiKeys(support);
    expect(everyKey.map((key) => key.id)).toContain(live.apiKeyId);
    expect(JSON.stringify(everyKey)).not.toContain("secretHash");
    expect(everyKey.find((key) => key.id === live.apiKeyId)).toMatchObject({ mode: "live", status: "active" });
    const demoKeys = await listApiKeys(demo);
    expect(demoKeys.map((key) => key.id)).not.toContain(live.apiKeyId);
    expect(demoKeys.every((key) => key.environments.every((environment) => environment !== "production"))).toBe(true);
  });
});
