import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { readMerchantHistory as ReadMerchantHistory } from "./read-merchant-history";

/** The merchant page's reads are plain SQL: they must return what Prisma stored, on SQLite and PostgreSQL. */
let db: Database;
let readMerchantHistory: typeof ReadMerchantHistory;

withConsoleDatabase(async (client) => {
  db = client;
  ({ readMerchantHistory } = await import("./read-merchant-history"));
});

const at = (minute: number) => new Date(Date.parse("2026-05-01T08:00:00.000Z") + minute * 60_000);

async function invitationFor(merchantId: string | null, minute: number) {
  return db.invitation.create({
    data: {
      tokenHash: `hash-${merchantId}-${minute}`,
      merchantName: "History ApS",
      vatNumber: "DK30000001",
      products: "invoice",
      environment: "sandbox",
      status: minute === 1 ? "failed" : "consented",
      failureReason: minute === 1 ? "cancelled" : null,
      expiresAt: at(60),
      openedAt: at(minute),
      createdAt: at(minute),
      createdById: "staff-1",
      createdByLabel: "Ida Integrator",
      merchantId,
    },
  });
}

describe(`the merchant page's reads on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("reads the merchant, and its invitations, callback records and audit events newest first within limits", async () => {
    const merchantId = await storeMerchant(db, "History ApS", {
      merchant: {
        mobilePayId: "mp-history",
        subject: "sub-1",
        issuer: "http://op",
        createdAt: at(0),
        lastActivityAt: at(9),
      },
      tokenSet: null,
    });
    const other = await storeMerchant(db, "Other ApS", { tokenSet: null });
    const first = await invitationFor(merchantId, 1);
    const second = await invitationFor(merchantId, 2);
    const foreign = await invitationFor(other, 3);
    for (const [invitationId, minute] of [
      [first.id, 1],
      [second.id, 2],
      [foreign.id, 3],
    ] as const) {
      await db.callbackRecord.create({
        data: {
          invitationId,
          environment: "sandbox",
          receivedAt: at(minute),
          outcome: minute === 1 ? "failed" : "passed",
          failedCheck: minute === 1 ? "authorization_error" : null,
          checks: "[]",
          clockOffsetSeconds: minute,
          tokenEndpointStatus: minute === 1 ? null : 200,
        },
      });
    }
    await db.auditEvent.createMany({
      data: [4, 5, 6].map((minute) => ({
        occurredAt: at(minute),
        actorType: "system",
        actorLabel: "keep-alive",
        action: "token.refreshed",
        merchantId,
        details: `{"minute":${minute}}`,
      })),
    });
    await db.auditEvent.create({
      data: { occurredAt: at(7), actorType: "system", actorLabel: "x", action: "token.refreshed", merchantId: other },
    });

    const history = await readMerchantHistory(db, merchantId, { invitations: 5, callbackRecords: 5, auditEvents: 2 });
    expect(history.merchant).toEqual({
      id: merchantId,
      name: "History ApS",
      vatNumber: "DK10000000",
      mobilePayId: "mp-history",
      subject: "sub-1",
      issuer: "http://op",
      products: "invoice",
      environment: "sandbox",
      unlinkedAt: null,
      lastActivityAt: at(9),
      createdAt: at(0),
    });
    expect(history.invitations).toEqual([
      expect.objectContaining({ id: second.id, status: "consented", openedAt: at(2), createdAt: at(2) }),
      expect.objectContaining({
        id: first.id,
        status: "failed",
        failureReason: "cancelled",
        expiresAt: at(60),
        createdByLabel: "Ida Integrator",
      }),
    ]);
    expect(
      history.callbackRecords.map((record) => [record.receivedAt, record.outcome, record.clockOffsetSeconds]),
    ).toEqual([
      [at(2), "passed", 2],
      [at(1), "failed", 1],
    ]);
    expect(history.callbackRecords[1]).toMatchObject({ failedCheck: "authorization_error", tokenEndpointStatus: null });
    expect(history.auditEvents.map((event) => [event.occurredAt, event.details])).toEqual([
      [at(6), '{"minute":6}'],
      [at(5), '{"minute":5}'],
    ]);
    expect(history.auditEvents[0]).toMatchObject({
      action: "token.refreshed",
      actorLabel: "keep-alive",
      outcome: "success",
    });
  });

  it("finds no merchant for an unknown id", async () => {
    const history = await readMerchantHistory(db, "no-such-merchant", {
      invitations: 5,
      callbackRecords: 5,
      auditEvents: 5,
    });
    expect(history).toEqual({ merchant: null, invitations: [], callbackRecords: [], auditEvents: [] });
  });
});
