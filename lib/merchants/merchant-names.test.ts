import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { merchantNames as MerchantNames } from "./merchant-names";

let db: Database;
let merchantNames: typeof MerchantNames;

withConsoleDatabase(async (client) => {
  db = client;
  ({ merchantNames } = await import("./merchant-names"));
});

describe(`merchant names for a list of events, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("names each merchant once, and only those in environments the viewer may see", async () => {
    const sandbox = await db.merchant.create({
      data: { environment: "sandbox", vatNumber: "DK11112222", name: "Cykel Carl", products: "invoice" },
    });
    const production = await db.merchant.create({
      data: { environment: "production", vatNumber: "DK33334444", name: "Bager Bent", products: "invoice" },
    });
    const ids = [sandbox.id, production.id, sandbox.id, "no-such-merchant"];
    expect(await merchantNames(ids, null)).toEqual(
      new Map([
        [sandbox.id, "Cykel Carl"],
        [production.id, "Bager Bent"],
      ]),
    );
    expect(await merchantNames(ids, ["sandbox"])).toEqual(new Map([[sandbox.id, "Cykel Carl"]]));
    expect(await merchantNames(ids, [])).toEqual(new Map());
    expect(await merchantNames([], null)).toEqual(new Map());
  });
});
