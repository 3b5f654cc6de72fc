import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import { bindMarker } from "./bind-marker";
import type { Database } from "./create-client";

/**
 * What instances coordinate through must hold under real concurrency on both
 * databases (run with TEST_DATABASE=postgresql for PostgreSQL).
 */
let db: Database;

withConsoleDatabase(async (client) => {
  db = client;
});

async function createMerchantWithTokens(name: string) {
  const id = await storeMerchant(db, name, {
    tokenSet: {
      accessTokenCiphertext: "v1.k.iv.secret-access",
      refreshTokenCiphertext: "v1.k.iv.secret-refresh",
      refreshTokenFingerprint: "abc",
    },
  });
  return { id };
}

describe(`data layer on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("hides ciphertext columns unless a query asks for them", async () => {
    const merchant = await createMerchantWithTokens("Hidden Columns ApS");
    const plain = await db.merchantTokenSet.findUniqueOrThrow({ where: { merchantId: merchant.id } });
    expect(plain).not.toHaveProperty("refreshTokenCiphertext");
    const explicit = await db.merchantTokenSet.findUniqueOrThrow({
      where: { merchantId: merchant.id },
      omit: { refreshTokenCiphertext: false },
    });
    expect(explicit.refreshTokenCiphertext).toBe("v1.k.iv.secret-refresh");
  });

  it("searches names case-insensitively", async () => {
    await createMerchantWithTokens("Søren Cykler ApS");
    const { containsPattern } = await import("./sql-text-search");
    const countNamed = async (text: string) => {
      const { operator, pattern } = containsPattern(text);
      const [row] = await db.$queryRawUnsafe<{ total: number | bigint }[]>(
        `SELECT COUNT(*) AS "total" FROM "Merchant" WHERE "name" ${operator} ${bindMarker(1)} ESCAPE '\\'`,
        pattern,
      );
      return Number(row?.total);
    };
    expect(await countNamed("cykler")).toBe(1);
    expect(await countNamed("CYKLER")).toBe(1);
  });

  it("elects exactly one lease holder among 20 concurrent claims", async () => {
    const merchant = await createMerchantWithTokens("Lease Race ApS");
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        db.merchantTokenSet.updateMany({
          where: { merchantId: merchant.id, version: 1, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
          data: { leaseOwner: `claimant-${index}`, leaseUntil: new Date(now.getTime() + 30_000) },
        }),
      ),
    );
    expect(claims.filter((claim) => claim.count === 1)).toHaveLength(1);
  });

  it("consumes a link transaction once even when many callbacks race for it", async () => {
    const staff = { createdById: "s", createdByLabel: "s@example.com" };
    const invitation = await db.invitation.create({
      data: {
        tokenHash: randomBytes(16).toString("hex"),
        merchantName: "Once ApS",
        vatNumber: "DK20000000",
        products: "invoice",
        environment: "sandbox",
        expiresAt: new Date(Date.now() + 60_000),
        ...staff,
      },
    });
    const transaction = await db.linkTransaction.create({
      data: {
        id: randomBytes(16).toString("hex"),
        invitationId: invitation.id,
        environment: "sandbox",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const consumed = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.linkTransaction.updateMany({
          where: { id: transaction.id, consumedAt: null, expiresAt: { gt: new Date() } },
          data: { consumedAt: new Date() },
        }),
      ),
    );
    expect(consumed.filter((result) => result.count === 1)).toHaveLength(1);
  });

  it("reports a duplicate email as a unique-constraint error", async () => {
    const email = `dup-${randomBytes(4).toString("hex")}@example.com`;
    await db.staffUser.create({ data: { email, name: "A", role: "support", passwordHash: "x" } });
    await expect(
      db.staffUser.create({ data: { email, name: "B", role: "support", passwordHash: "x" } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("orders audit events by time, newest first, with the id as a tie-breaker", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    for (const action of ["first", "second", "third"]) {
      await db.auditEvent.create({
        data: { actorType: "system", actorLabel: "test", action: `order.${action}`, occurredAt: at },
      });
    }
    const events = await db.auditEvent.findMany({
      where: { action: { startsWith: "order." } },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    });
    expect(events.map((event) => event.action)).toEqual(["order.third", "order.second", "order.first"]);
  });
});
