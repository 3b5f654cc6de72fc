import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { failLink as FailLink } from "./fail-link";
import type { recordLinkStartFailure as RecordLinkStartFailure } from "./link-start-failure";
import type { revokeInvitation as RevokeInvitation } from "./withdraw-invitation";

/** Revoking a link must also end a trip to MobilePay it already started, on SQLite and PostgreSQL alike. */
let db: Database;
let revokeInvitation: typeof RevokeInvitation;
let failLink: typeof FailLink;
let recordLinkStartFailure: typeof RecordLinkStartFailure;

withConsoleDatabase(async (client) => {
  db = client;
  ({ revokeInvitation } = await import("./withdraw-invitation"));
  ({ failLink } = await import("./fail-link"));
  ({ recordLinkStartFailure } = await import("./link-start-failure"));
});

let counter = 0;

async function invitation(status: string, expiresInMs = 3_600_000) {
  counter += 1;
  return db.invitation.create({
    data: {
      tokenHash: `withdraw-${counter}`,
      merchantName: `Withdrawn ${counter} ApS`,
      vatNumber: "DK30000001",
      products: "invoice",
      environment: "sandbox",
      status,
      expiresAt: new Date(Date.now() + expiresInMs),
      createdById: "staff-1",
      createdByLabel: "Ida",
    },
  });
}

describe(`revoking a consent link on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("revokes a usable link and expires the link transactions it started, used ones untouched", async () => {
    const invited = await invitation("opened");
    const later = new Date(Date.now() + 600_000);
    await db.linkTransaction.create({
      data: { id: `open-${counter}`, invitationId: invited.id, environment: "sandbox", expiresAt: later },
    });
    const consumedAt = new Date(Date.now() - 1000);
    await db.linkTransaction.create({
      data: { id: `used-${counter}`, invitationId: invited.id, environment: "sandbox", expiresAt: later, consumedAt },
    });
    const at = new Date();
    expect(await db.$transaction((tx) => revokeInvitation(tx, invited.id, at))).toBe(true);
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({
      status: "revoked",
      completedAt: at,
    });
    expect(await db.linkTransaction.findUniqueOrThrow({ where: { id: `open-${counter}` } })).toMatchObject({
      expiresAt: at,
    });
    expect(await db.linkTransaction.findUniqueOrThrow({ where: { id: `used-${counter}` } })).toMatchObject({
      expiresAt: later,
      consumedAt,
    });
  });

  it("leaves a consented, expired or revoked link as it is", async () => {
    for (const [status, expiresInMs] of [
      ["consented", 3_600_000],
      ["opened", -1000],
      ["revoked", 3_600_000],
    ] as const) {
      const invited = await invitation(status, expiresInMs);
      expect(await db.$transaction((tx) => revokeInvitation(tx, invited.id, new Date())), status).toBe(false);
      expect((await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe(status);
    }
  });

  it("keeps a withdrawn link withdrawn when the trip it had started fails afterwards", async () => {
    const invited = await invitation("opened");
    await db.$transaction((tx) => revokeInvitation(tx, invited.id, new Date()));
    // The merchant's answer arrives after the withdrawal: its link transaction has expired, so it is refused.
    await failLink({
      environmentId: "sandbox",
      invitationId: invited.id,
      reason: "The response was refused.",
      failedCheck: "transaction",
      checks: [{ name: "transaction", passed: false, detail: "already used or expired" }],
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe("revoked");
    await recordLinkStartFailure({
      environmentId: "sandbox",
      invitationId: invited.id,
      merchantName: invited.merchantName,
      merchantId: null,
      detail: "discovery unreachable",
      at: new Date(),
    });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({
      status: "revoked",
      failureReason: null,
    });
    // Both failures are still on record, beside the link.
    expect(await db.callbackRecord.count({ where: { invitationId: invited.id, outcome: "failed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "link.failed", details: { contains: invited.id } } })).toBe(2);
  });

  it("still marks a usable link failed, so it can be tried again", async () => {
    const invited = await invitation("opened");
    await recordLinkStartFailure({
      environmentId: "sandbox",
      invitationId: invited.id,
      merchantName: invited.merchantName,
      merchantId: null,
      detail: "discovery unreachable",
      at: new Date(),
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe("failed");
  });
});
