import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ANNA, BO, MIKKO } from "../../sandbox/test/support/test-sandbox";

import type { getDb } from "@/lib/db/client";
import type { readStoredSets } from "@/lib/tokens/read-stored-sets";
import type { refreshAsLeaseHolder, refreshTokenSet } from "@/lib/tokens/refresh-token-set";
import { startLifecycleHarness, type LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";

import { eventPayload } from "./event-payload";

/** A refresh's change of link state is announced in the transaction that records it (SQLite and PostgreSQL). */
const system = { type: "system", label: "test" } as const;
let harness: LifecycleHarness;
let refresh: typeof refreshTokenSet;
let refreshHolding: typeof refreshAsLeaseHolder;
let readSets: typeof readStoredSets;
let db: ReturnType<typeof getDb>;

beforeAll(async () => {
  harness = await startLifecycleHarness();
  ({ refreshTokenSet: refresh, refreshAsLeaseHolder: refreshHolding } = await import("@/lib/tokens/refresh-token-set"));
  ({ readStoredSets: readSets } = await import("@/lib/tokens/read-stored-sets"));
  db = (await import("@/lib/db/client")).getDb();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const announced = async (merchantId: string) =>
  (await db.webhookEvent.findMany({ where: { merchantId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] })).map(
    eventPayload,
  );

describe(`refresh outcomes as events on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("a 5xx makes the link degraded, the next refresh makes it active again and says it recovered", async () => {
    const merchantId = await harness.linkMerchant({
      email: ANNA.email,
      password: ANNA.password,
      vat: ANNA.danishMerchant.vat,
    });
    await refresh(merchantId, { actor: system, trigger: "manual" });
    expect(await announced(merchantId)).toEqual([]);

    await harness.control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
    await expect(refresh(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
    });
    // A second failure of the same kind is no change of state.
    await harness.control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
    await db.merchantTokenSet.update({ where: { merchantId }, data: { nextAttemptAt: null } });
    await expect(refresh(merchantId, { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
    });
    await refresh(merchantId, { actor: system, trigger: "manual" });

    const events = await announced(merchantId);
    expect(events.map((event) => [event.type, event.data.from, event.data.to])).toEqual([
      ["merchant.state_changed", "active", "degraded"],
      ["merchant.state_changed", "degraded", "active"],
      ["merchant.recovered", "degraded", undefined],
    ]);
    expect(events[0]!.data).toMatchObject({
      merchant: { id: merchantId, vatNumber: ANNA.danishMerchant.vat },
      failureKind: "transient",
      reason: expect.stringMatching(/temporary/),
    });
  });

  it("a failing refresh of a set that was relinked meanwhile announces no change of state", async () => {
    const merchantId = await harness.linkMerchant({
      email: ANNA.email,
      password: ANNA.password,
      vat: ANNA.finnishMerchant.vat,
    });
    const [before] = await readSets(db, [merchantId]);
    // While the refresh is at MobilePay, a new consent replaces the set (its version moves on).
    await db.merchantTokenSet.update({ where: { merchantId }, data: { version: { increment: 1 } } });
    await harness.control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
    await expect(refreshHolding(before!, "test-owner", { actor: system, trigger: "manual" })).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
    });
    expect(await db.merchantTokenSet.findUniqueOrThrow({ where: { merchantId } })).toMatchObject({
      failureKind: null,
    });
    expect((await announced(merchantId)).filter((event) => event.type === "merchant.state_changed")).toEqual([]);
  });

  it("consent withdrawn at MobilePay makes the link need relinking, with the failure kind and reason, and no token", async () => {
    const merchantId = await harness.linkMerchant({ email: BO.email, password: BO.password, vat: BO.merchant.vat });
    const set = await db.merchantTokenSet.findUniqueOrThrow({
      where: { merchantId },
      omit: { refreshTokenCiphertext: false, accessTokenCiphertext: false },
    });
    await harness.control.json("POST", "/control/grants/revoke", { merchantId: BO.merchant.id });
    await expect(refresh(merchantId, { actor: system, trigger: "keep-alive" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const events = await announced(merchantId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "merchant.state_changed",
      environment: "sandbox",
      data: {
        from: "active",
        to: "relink_needed",
        failureKind: "terminal",
        oauthError: "invalid_grant",
        trigger: "keep-alive",
        reason: expect.stringMatching(/Relink the merchant/),
      },
    });
    const { decryptTokenColumn } = await import("@/lib/tokens/token-cipher-instance");
    const owner = { environment: "sandbox", merchantId };
    const body = JSON.stringify(events);
    expect(body).not.toContain(decryptTokenColumn(set.refreshTokenCiphertext, owner, "refreshToken"));
    expect(body).not.toContain(decryptTokenColumn(set.accessTokenCiphertext, owner, "accessToken"));
  });

  it("unlinking announces the merchant unlinked and its state changed to revoked", async () => {
    const merchantId = await harness.linkMerchant({
      email: MIKKO.email,
      password: MIKKO.password,
      vat: MIKKO.merchant.vat,
    });
    const { unlinkMerchant } = await import("@/lib/links/unlink-merchant");
    await unlinkMerchant({
      merchantId,
      staff: { id: "staff-1", email: "admin@example.com", name: "Ada", role: "admin" },
    });
    const events = await announced(merchantId);
    expect(events.map((event) => [event.type, event.data.from, event.data.to])).toEqual([
      ["merchant.unlinked", undefined, undefined],
      ["merchant.state_changed", "active", "revoked"],
    ]);
    expect(events[0]!.data).toMatchObject({ revokedAtOp: true, merchant: { vatNumber: MIKKO.merchant.vat } });
  });
});
