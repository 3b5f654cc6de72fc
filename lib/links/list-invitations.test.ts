import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { listInvitations as ListInvitations } from "./list-invitations";

/** The merchants list's invitations are read as plain SQL: the same answers on SQLite and PostgreSQL. */
let db: Database;
let listInvitations: typeof ListInvitations;

withConsoleDatabase(async (client) => {
  db = client;
  ({ listInvitations } = await import("./list-invitations"));
});

describe(`listing invitations on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("lists the newest invitations first, with their derived state", async () => {
    const base = Date.now();
    for (const [minute, status, expiresInMs] of [
      [1, "created", 3_600_000],
      [2, "opened", -1_000],
      [3, "consented", 3_600_000],
    ] as const) {
      await db.invitation.create({
        data: {
          tokenHash: `hash-${minute}`,
          merchantName: `Invited ${minute} ApS`,
          vatNumber: "DK40000001",
          products: "invoice",
          environment: "sandbox",
          status,
          expiresAt: new Date(base + expiresInMs),
          createdAt: new Date(base - 600_000 + minute * 60_000),
          createdById: "staff-1",
          createdByLabel: "Ida",
        },
      });
    }
    expect(await listInvitations({ environments: ["production"] })).toEqual([]);
    expect(await listInvitations({ environments: ["sandbox"] })).toHaveLength(3);
    const listed = await listInvitations({ take: 2 });
    expect(listed.map((invitation) => [invitation.merchantName, invitation.state])).toEqual([
      ["Invited 3 ApS", "consented"],
      ["Invited 2 ApS", "expired"],
    ]);
    expect(listed[0]).toMatchObject({
      vatNumber: "DK40000001",
      products: "invoice",
      environment: "sandbox",
      merchantId: null,
    });
    expect(listed[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("tells when a link was opened, when it failed, and which opened links have gone quiet", async () => {
    const now = Date.now();
    const invited = (tokenHash: string, data: { status: string; openedAt?: Date; completedAt?: Date }) =>
      db.invitation.create({
        data: {
          tokenHash,
          merchantName: `Quiet ${tokenHash} ApS`,
          vatNumber: "DK40000002",
          products: "invoice",
          environment: "quiet-sandbox",
          expiresAt: new Date(now + 3_600_000),
          createdAt: new Date(now - 7_200_000),
          createdById: "staff-1",
          createdByLabel: "Ida",
          ...data,
        },
      });
    await invited("quiet", { status: "opened", openedAt: new Date(now - 40 * 60_000) });
    await invited("fresh", { status: "opened", openedAt: new Date(now - 2 * 60_000) });
    await invited("failed", { status: "failed", completedAt: new Date(now - 60_000) });
    await invited("revoked", { status: "revoked", openedAt: new Date(now - 40 * 60_000) });
    const listed = await listInvitations({ environments: ["quiet-sandbox"] });
    const byHash = Object.fromEntries(listed.map((invitation) => [invitation.merchantName, invitation]));
    expect(byHash["Quiet quiet ApS"]).toMatchObject({ state: "opened", quiet: true });
    expect(byHash["Quiet quiet ApS"]!.openedAt).toEqual(new Date(now - 40 * 60_000));
    expect(byHash["Quiet fresh ApS"]).toMatchObject({ state: "opened", quiet: false });
    expect(byHash["Quiet failed ApS"]).toMatchObject({ state: "failed", quiet: false });
    expect(byHash["Quiet failed ApS"]!.completedAt).toEqual(new Date(now - 60_000));
    expect(byHash["Quiet revoked ApS"]).toMatchObject({ state: "revoked", quiet: false });
  });
});
