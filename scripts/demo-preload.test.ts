import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import { isFreshInstall } from "./demo-preload";

let db: Database;

withConsoleDatabase((client) => {
  db = client;
});

describe("the first start of a development console", () => {
  it("is fresh until a merchant is invited or stored, and stays used once one was", async () => {
    await db.staffUser.create({ data: { email: "dina@example.com", name: "Dina", role: "demo", passwordHash: "-" } });
    expect(await isFreshInstall(db)).toBe(true);

    const invitation = await db.invitation.create({
      data: {
        tokenHash: "h".repeat(64),
        merchantName: "Fynsk Kaffe A/S",
        vatNumber: "DK31415926",
        products: "invoice",
        environment: "sandbox",
        expiresAt: new Date(Date.now() + 3600_000),
        createdById: "s1",
        createdByLabel: "dina@example.com",
      },
    });
    expect(await isFreshInstall(db)).toBe(false);
    await db.invitation.delete({ where: { id: invitation.id } });
    expect(await isFreshInstall(db)).toBe(true);

    // An unlinked merchant keeps its row: a console that had one is not fresh, so a reset demo stays reset.
    await db.merchant.create({
      data: {
        name: "Annas Bageri ApS",
        vatNumber: "DK12345678",
        environment: "sandbox",
        products: "invoice",
        unlinkedAt: new Date(),
      },
    });
    expect(await isFreshInstall(db)).toBe(false);
  });
});
