import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { consumeLinkTransaction, readLinkTransaction } from "./link-transaction-record";
import type { readLinkInvitation } from "./read-link-invitation";
import type { LinkToStore, storeLink } from "./store-link";

/** A consent's reads and writes are plain SQL: they must read back through Prisma alike on SQLite and PostgreSQL. */
let db: Database;
let store: typeof storeLink;
let readInvitation: typeof readLinkInvitation;
let readTransaction: typeof readLinkTransaction;
let consumeTransaction: typeof consumeLinkTransaction;
let newRowId: () => string;

withConsoleDatabase(async (client) => {
  db = client;
  ({ storeLink: store } = await import("./store-link"));
  ({ readLinkInvitation: readInvitation } = await import("./read-link-invitation"));
  ({ readLinkTransaction: readTransaction, consumeLinkTransaction: consumeTransaction } =
    await import("./link-transaction-record"));
  ({ newRowId } = await import("@/lib/db/row-id"));
});

const at = new Date("2026-11-26T12:13:14.567Z");
let vatCounter = 0;

async function invitation(options: { merchantId?: string; status?: string } = {}) {
  vatCounter += 1;
  return db.invitation.create({
    data: {
      tokenHash: newRowId(),
      merchantName: `Consenting ${vatCounter} ApS`,
      vatNumber: `DK2000${String(vatCounter).padStart(4, "0")}`,
      products: "invoice subscriptions",
      environment: "sandbox",
      status: options.status ?? "opened",
      failureReason: options.status === "failed" ? "an earlier attempt failed" : null,
      expiresAt: new Date(Date.now() + 3_600_000),
      createdById: "staff-1",
      createdByLabel: "Ida Integrator",
      merchantId: options.merchantId ?? null,
    },
  });
}

function link(
  invited: { id: string; merchantName: string; vatNumber: string; products: string },
  merchant: { id: string; stored: boolean; mobilePayId: string },
): LinkToStore {
  return {
    environmentId: "sandbox",
    invitationId: invited.id,
    at,
    merchant: {
      ...merchant,
      name: invited.merchantName,
      vatNumber: invited.vatNumber,
      subject: "portal-user-1",
      issuer: "http://localhost/op",
      products: invited.products,
    },
    tokenSet: {
      accessTokenCiphertext: "v1.k.iv.access",
      refreshTokenCiphertext: "v1.k.iv.refresh",
      idTokenCiphertext: "v1.k.iv.id",
      keyId: "k-now",
      refreshTokenFingerprint: "fp-consent",
      accessTokenExpiresAt: new Date(at.getTime() + 300_000),
      grantedScopes: "openid invoice offline_access",
      idTokenClaims: '{"sub":"portal-user-1"}',
      accessTokenClaims: '{"scope":["invoice"]}',
    },
    checks: '[{"name":"signature","passed":true,"detail":"RS256"}]',
    clockOffsetSeconds: 2,
    audit: {
      actor: { type: "merchant", label: `${invited.merchantName} (${invited.vatNumber})` },
      action: merchant.stored ? "link.relinked" : "link.consented",
      environment: "sandbox",
      merchantId: merchant.id,
      details: { invitationId: invited.id },
    },
  };
}

const storedSet = (merchantId: string) =>
  db.merchantTokenSet.findUniqueOrThrow({
    where: { merchantId },
    omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  });

describe(`storing a consent on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("creates the merchant, its token set, the callback record and the audit event, and closes the invitation", async () => {
    const invited = await invitation();
    const merchantId = newRowId();
    await store(db, link(invited, { id: merchantId, stored: false, mobilePayId: "mp-new" }));

    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    expect(merchant).toMatchObject({
      environment: "sandbox",
      mobilePayId: "mp-new",
      name: invited.merchantName,
      vatNumber: invited.vatNumber,
      subject: "portal-user-1",
      issuer: "http://localhost/op",
      products: "invoice subscriptions",
      unlinkedAt: null,
    });
    expect(merchant.lastActivityAt.toISOString()).toBe(at.toISOString());
    expect(merchant.createdAt.toISOString()).toBe(at.toISOString());

    const set = await storedSet(merchantId);
    expect(set).toMatchObject({
      accessTokenCiphertext: "v1.k.iv.access",
      refreshTokenCiphertext: "v1.k.iv.refresh",
      idTokenCiphertext: "v1.k.iv.id",
      keyId: "k-now",
      refreshTokenFingerprint: "fp-consent",
      grantedScopes: "openid invoice offline_access",
      idTokenClaims: '{"sub":"portal-user-1"}',
      accessTokenClaims: '{"scope":["invoice"]}',
      version: 1,
      refreshCount: 0,
      consecutiveFailures: 0,
      rotationMode: "unknown",
      leaseOwner: null,
      lastRefreshedAt: null,
    });
    expect(set.accessTokenIssuedAt.toISOString()).toBe(at.toISOString());
    expect(set.accessTokenExpiresAt.toISOString()).toBe("2026-11-26T12:18:14.567Z");

    const closed = await db.invitation.findUniqueOrThrow({ where: { id: invited.id } });
    expect(closed).toMatchObject({ status: "consented", failureReason: null, merchantId });
    expect(closed.completedAt?.toISOString()).toBe(at.toISOString());

    const records = await db.callbackRecord.findMany({ where: { invitationId: invited.id } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: "passed",
      environment: "sandbox",
      failedCheck: null,
      clockOffsetSeconds: 2,
      tokenEndpointStatus: 200,
      checks: '[{"name":"signature","passed":true,"detail":"RS256"}]',
    });
    const events = await db.auditEvent.findMany({ where: { merchantId } });
    expect(events.map((event) => event.action)).toEqual(["link.consented"]);
  });

  it("on a relink, updates the merchant and replaces the token set's state while its version and history move on", async () => {
    const merchantId = await storeMerchant(db, "Relinked ApS", {
      merchant: { mobilePayId: "mp-relinked", unlinkedAt: new Date("2026-01-01T00:00:00Z") },
      tokenSet: {
        version: 7,
        refreshCount: 12,
        raceRecoveries: 1,
        refreshTokenFingerprint: "fp-replaced",
        previousRefreshTokenFingerprint: "fp-before",
        failureKind: "terminal",
        failureReason: "invalid_grant",
        failureAt: new Date(),
        consecutiveFailures: 3,
        leaseOwner: "someone",
        leaseUntil: new Date(Date.now() + 60_000),
        refreshFingerprintSent: "fp-sent",
        rotationMode: "OneTime",
        lastRefreshedAt: new Date(),
      },
    });
    const invited = await invitation({ merchantId, status: "failed" });
    await store(db, link(invited, { id: merchantId, stored: true, mobilePayId: "mp-relinked" }));

    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    expect(merchant).toMatchObject({ name: "Relinked ApS", mobilePayId: "mp-relinked", unlinkedAt: null });
    expect(merchant.vatNumber).toBe(invited.vatNumber);
    const set = await storedSet(merchantId);
    expect(set).toMatchObject({
      accessTokenCiphertext: "v1.k.iv.access",
      refreshTokenFingerprint: "fp-consent",
      version: 8,
      refreshCount: 12,
      raceRecoveries: 1,
      // The lineage names the refresh token this consent replaced, not the one an earlier refresh replaced.
      previousRefreshTokenFingerprint: "fp-replaced",
      failureKind: null,
      failureReason: null,
      failureAt: null,
      consecutiveFailures: 0,
      leaseOwner: null,
      leaseUntil: null,
      refreshFingerprintSent: null,
      rotationMode: "unknown",
      lastRefreshedAt: null,
    });
    expect(await db.merchantTokenSet.count({ where: { merchantId } })).toBe(1);
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({
      status: "consented",
      failureReason: null,
    });
    const events = await db.auditEvent.findMany({ where: { merchantId } });
    expect(events.map((event) => event.action)).toEqual(["link.relinked"]);
  });

  it("stores nothing when a write fails part way", async () => {
    const taken = await storeMerchant(db, "Holder Of The Id ApS", { merchant: { mobilePayId: "mp-taken" } });
    const invited = await invitation();
    const merchantId = newRowId();
    // A second merchant with the same MobilePay id breaks the unique key after nothing else has failed yet.
    await expect(
      store(db, link(invited, { id: merchantId, stored: false, mobilePayId: "mp-taken" })),
    ).rejects.toThrow();
    const missingInvitation = { ...invited, id: "no-such-invitation" };
    const otherId = newRowId();
    await expect(
      store(db, link(missingInvitation, { id: otherId, stored: false, mobilePayId: "mp-orphan" })),
    ).rejects.toThrow(/invitation no longer exists/);

    expect(await db.merchant.count({ where: { id: { in: [merchantId, otherId] } } })).toBe(0);
    expect(await db.merchantTokenSet.count({ where: { merchantId: { in: [merchantId, otherId] } } })).toBe(0);
    expect(await db.callbackRecord.count({ where: { invitationId: invited.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { merchantId: { in: [merchantId, otherId, taken] } } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe("opened");
  });

  it("reads the invitation with the merchant it relinks and the merchant already stored for the MobilePay id", async () => {
    const relinked = await storeMerchant(db, "Being Relinked ApS", { merchant: { mobilePayId: "mp-being-relinked" } });
    const known = await storeMerchant(db, "Known Before ApS", {
      merchant: { mobilePayId: "mp-known", unlinkedAt: new Date() },
    });
    await storeMerchant(db, "Same Id Elsewhere ApS", {
      merchant: { environment: "production", mobilePayId: "mp-fresh" },
    });
    const forRelink = await invitation({ merchantId: relinked });
    const plain = await invitation();

    expect(
      await readInvitation(db, { invitationId: forRelink.id, environmentId: "sandbox", mobilePayId: "mp-known" }),
    ).toEqual({
      id: forRelink.id,
      merchantName: forRelink.merchantName,
      vatNumber: forRelink.vatNumber,
      products: "invoice subscriptions",
      createdByLabel: "Ida Integrator",
      relinkedMerchant: { id: relinked, mobilePayId: "mp-being-relinked" },
      knownMerchant: { id: known, mobilePayId: "mp-known" },
    });
    const fresh = await readInvitation(db, {
      invitationId: plain.id,
      environmentId: "sandbox",
      mobilePayId: "mp-fresh",
    });
    expect(fresh).toMatchObject({ id: plain.id, relinkedMerchant: null, knownMerchant: null });
    const withoutId = await readInvitation(db, {
      invitationId: plain.id,
      environmentId: "sandbox",
      mobilePayId: undefined,
    });
    expect(withoutId).toMatchObject({ relinkedMerchant: null, knownMerchant: null });
    expect(
      await readInvitation(db, {
        invitationId: "no-such-invitation",
        environmentId: "sandbox",
        mobilePayId: "mp-known",
      }),
    ).toBeNull();
  });

  it("reads a link transaction and consumes it once, and never after it expired", async () => {
    const invited = await invitation();
    const open = await db.linkTransaction.create({
      data: {
        id: newRowId(),
        invitationId: invited.id,
        environment: "sandbox",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const expired = await db.linkTransaction.create({
      data: {
        id: newRowId(),
        invitationId: invited.id,
        environment: "sandbox",
        expiresAt: new Date(Date.now() - 1_000),
      },
    });
    expect(await readTransaction(db, open.id)).toEqual({
      id: open.id,
      invitationId: invited.id,
      environment: "sandbox",
    });
    expect(await readTransaction(db, "no-such-transaction")).toBeNull();

    const now = new Date();
    expect(await consumeTransaction(db, open.id, now)).toBe(true);
    expect(await consumeTransaction(db, open.id, now)).toBe(false);
    expect(await consumeTransaction(db, expired.id, now)).toBe(false);
    const consumed = await db.linkTransaction.findUniqueOrThrow({ where: { id: open.id } });
    expect(consumed.consumedAt?.toISOString()).toBe(now.toISOString());
    expect((await db.linkTransaction.findUniqueOrThrow({ where: { id: expired.id } })).consumedAt).toBeNull();
  });
});
