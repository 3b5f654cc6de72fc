import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import type { LinkToStore, storeLink } from "@/lib/links/store-link";
import type { failLink } from "@/lib/links/fail-link";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { announceExpiredConsentLinks } from "./announce-expired-consent-links";
import { eventPayload } from "./event-payload";
import type { recordWebhookEvents } from "./record-webhook-events";

/** The outbox: every event commits with the change it describes, on SQLite and on PostgreSQL. */
let db: Database;
let record: typeof recordWebhookEvents;
let store: typeof storeLink;
let fail: typeof failLink;
let announceExpired: typeof announceExpiredConsentLinks;
let newRowId: () => string;

withConsoleDatabase(async (client) => {
  db = client;
  ({ recordWebhookEvents: record } = await import("./record-webhook-events"));
  ({ storeLink: store } = await import("@/lib/links/store-link"));
  ({ failLink: fail } = await import("@/lib/links/fail-link"));
  ({ announceExpiredConsentLinks: announceExpired } = await import("./announce-expired-consent-links"));
  ({ newRowId } = await import("@/lib/db/row-id"));
});

const at = new Date("2026-12-04T10:00:00.000Z");
let counter = 0;

async function invitation(options: { merchantId?: string; expiresAt?: Date; status?: string } = {}) {
  counter += 1;
  return db.invitation.create({
    data: {
      tokenHash: newRowId(),
      merchantName: `Outbox ${counter} ApS`,
      vatNumber: `DK3000${String(counter).padStart(4, "0")}`,
      products: "invoice",
      environment: "sandbox",
      status: options.status ?? "opened",
      expiresAt: options.expiresAt ?? new Date(Date.now() + 3_600_000),
      createdById: "staff-1",
      createdByLabel: "Ida Integrator",
      merchantId: options.merchantId ?? null,
    },
  });
}

function consent(
  invited: { id: string; merchantName: string; vatNumber: string },
  merchant: { id: string; stored: boolean },
): LinkToStore {
  return {
    environmentId: "sandbox",
    invitationId: invited.id,
    at,
    merchant: {
      ...merchant,
      mobilePayId: `mp-${invited.vatNumber}`,
      name: invited.merchantName,
      vatNumber: invited.vatNumber,
      subject: "portal-user",
      issuer: "http://localhost/op",
      products: "invoice",
    },
    tokenSet: {
      accessTokenCiphertext: "v1.k.iv.secret-access",
      refreshTokenCiphertext: "v1.k.iv.secret-refresh",
      idTokenCiphertext: null,
      keyId: "k",
      refreshTokenFingerprint: "fp",
      accessTokenExpiresAt: new Date(at.getTime() + 300_000),
      grantedScopes: "openid invoice",
      idTokenClaims: "{}",
      accessTokenClaims: "{}",
    },
    checks: "[]",
    clockOffsetSeconds: 0,
    audit: { actor: { type: "merchant", label: invited.merchantName }, action: "link.consented" },
  };
}

const eventsOf = (where: { merchantId?: string; invitationId?: string }) =>
  db.webhookEvent.findMany({ where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });

describe(`the webhook outbox on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("writes an event with the merchant's VAT and name read in the same transaction, and none when it rolls back", async () => {
    const merchantId = await storeMerchant(db, "Annas Bageri ApS", { merchant: { vatNumber: "DK12345678" } });
    await db.$transaction(async (tx) =>
      record(tx, [{ type: "merchant.unlinked", environment: "sandbox", merchant: { id: merchantId } }], at),
    );
    await expect(
      db.$transaction(async (tx) => {
        await record(tx, [{ type: "merchant.linked", environment: "sandbox", merchant: { id: merchantId } }], at);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    const events = await eventsOf({ merchantId });
    expect(events.map((event) => event.type)).toEqual(["merchant.unlinked"]);
    const [event] = events;
    expect(event!.id).toMatch(/^msg_[a-z0-9]+$/);
    expect(eventPayload(event!)).toEqual({
      id: event!.id,
      type: "merchant.unlinked",
      timestamp: at.toISOString(),
      environment: "sandbox",
      data: { merchant: { id: merchantId, vatNumber: "DK12345678", name: "Annas Bageri ApS" } },
    });
  });

  it("announces a new link as consented and linked, and stores nothing when the consent's transaction fails", async () => {
    const invited = await invitation();
    const merchantId = newRowId();
    await store(db, consent(invited, { id: merchantId, stored: false }));
    const events = await eventsOf({ invitationId: invited.id });
    expect(events.map((event) => event.type)).toEqual(["consent_link.consented", "merchant.linked"]);
    expect(events.every((event) => event.merchantId === merchantId && event.merchantVat === invited.vatNumber)).toBe(
      true,
    );
    // Never a token, not even as ciphertext.
    expect(JSON.stringify(events.map(eventPayload))).not.toMatch(/secret-access|secret-refresh/);

    const gone = await invitation();
    await db.invitation.delete({ where: { id: gone.id } });
    await expect(store(db, consent(gone, { id: newRowId(), stored: false }))).rejects.toThrow();
    expect(await eventsOf({ invitationId: gone.id })).toEqual([]);
  });

  it("announces a relink of a merchant that needed relinking as relinked, state changed to active and recovered", async () => {
    const merchantId = await storeMerchant(db, "Relinked ApS", {
      merchant: { vatNumber: "DK44444444" },
      tokenSet: { failureKind: "terminal", failureReason: "invalid_grant" },
    });
    const invited = await invitation({ merchantId });
    await store(db, { ...consent(invited, { id: merchantId, stored: true }), relink: true });
    const events = await eventsOf({ invitationId: invited.id });
    expect(events.map((event) => [event.type, JSON.parse(event.data)])).toEqual([
      ["consent_link.consented", { relink: true }],
      ["merchant.relinked", { products: "invoice" }],
      ["merchant.state_changed", { from: "relink_needed", to: "active", trigger: "relink" }],
      ["merchant.recovered", { from: "relink_needed" }],
    ]);
  });

  it("announces a refused consent with the check that failed, once, and not for an invitation already consented", async () => {
    const invited = await invitation();
    await fail({
      environmentId: "sandbox",
      invitationId: invited.id,
      reason: "c_hash mismatch",
      failedCheck: "c_hash",
      checks: [{ name: "c_hash", passed: false, detail: "c_hash mismatch" }],
    });
    const [event, ...more] = await eventsOf({ invitationId: invited.id });
    expect(more).toEqual([]);
    expect(eventPayload(event!)).toMatchObject({
      type: "consent_link.failed",
      data: {
        merchant: { id: null, vatNumber: invited.vatNumber, name: invited.merchantName },
        consentLinkId: invited.id,
        failedCheck: "c_hash",
        reason: "c_hash mismatch",
      },
    });

    const consented = await invitation({ status: "consented" });
    await fail({ environmentId: "sandbox", invitationId: consented.id, reason: "replayed", checks: [] });
    expect(await eventsOf({ invitationId: consented.id })).toEqual([]);
  });

  it("announces each expired, unused consent link once, however often expiry is looked for", async () => {
    const now = new Date();
    const expired = await invitation({ expiresAt: new Date(now.getTime() - 60_000) });
    const live = await invitation({ expiresAt: new Date(now.getTime() + 60_000) });
    const used = await invitation({ expiresAt: new Date(now.getTime() - 60_000), status: "consented" });
    await announceExpired(db, now);
    await announceExpired(db, now);
    // A second instance that read before the first one wrote still cannot add a second event.
    await db.$transaction(async (tx) =>
      record(
        tx,
        [
          {
            type: "consent_link.expired",
            environment: "sandbox",
            invitationId: expired.id,
            dedupKey: `consent_link.expired:${expired.id}`,
          },
        ],
        now,
      ),
    );
    expect((await eventsOf({ invitationId: expired.id })).map((event) => event.type)).toEqual(["consent_link.expired"]);
    expect(await eventsOf({ invitationId: live.id })).toEqual([]);
    expect(await eventsOf({ invitationId: used.id })).toEqual([]);
  });
});
