import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";

import { withConsoleDatabase } from "./testing/console-database-suite";
import { storeMerchant } from "./testing/stored-merchant";
import type { takeLeases } from "./take-leases";

let db: Database;
let take: typeof takeLeases;

withConsoleDatabase(async (client) => {
  db = client;
  ({ takeLeases: take } = await import("./take-leases"));
});

const tokenSet = (name: string, lease: { owner: string; until: Date } | null) =>
  storeMerchant(db, name, {
    tokenSet: { version: 2, leaseOwner: lease?.owner ?? null, leaseUntil: lease?.until ?? null },
  });

describe(`taking refresh leases on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("takes free and lapsed leases at the generation seen, and no other", async () => {
    const now = new Date();
    const free = await tokenSet("Free Lease ApS", null);
    const lapsed = await tokenSet("Lapsed Lease ApS", { owner: "gone", until: new Date(now.getTime() - 1) });
    const held = await tokenSet("Held Lease ApS", { owner: "busy", until: new Date(now.getTime() + 30_000) });
    const moved = await tokenSet("Moved On ApS", null);
    const until = new Date(now.getTime() + 30_000);

    const taken = await take(
      db,
      [
        { merchantId: free, version: 2 },
        { merchantId: lapsed, version: 2 },
        { merchantId: held, version: 2 },
        { merchantId: moved, version: 1 },
      ],
      { owner: "sweeper", now, until },
    );

    expect([...taken].sort()).toEqual([free, lapsed].sort());
    const sets = await db.merchantTokenSet.findMany({
      where: { merchantId: { in: [free, lapsed, held, moved] } },
      select: { merchantId: true, leaseOwner: true, leaseUntil: true, refreshStartedAt: true },
    });
    const byMerchant = new Map(sets.map((set) => [set.merchantId, set]));
    for (const id of [free, lapsed]) {
      expect(byMerchant.get(id)).toMatchObject({ leaseOwner: "sweeper", leaseUntil: until, refreshStartedAt: now });
    }
    expect(byMerchant.get(held)?.leaseOwner).toBe("busy");
    expect(byMerchant.get(moved)).toMatchObject({ leaseOwner: null, refreshStartedAt: null });
  });

  it("gives each lease to one of several sweepers taking it at once", async () => {
    const merchantId = await tokenSet("Contested Lease ApS", null);
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        take(db, [{ merchantId, version: 2 }], {
          owner: `sweeper-${index}`,
          now,
          until: new Date(now.getTime() + 30_000),
        }),
      ),
    );
    expect(results.filter((taken) => taken.has(merchantId))).toHaveLength(1);
  });

  it("takes nothing from an empty list", async () => {
    const now = new Date();
    expect((await take(db, [], { owner: "sweeper", now, until: now })).size).toBe(0);
  });
});
