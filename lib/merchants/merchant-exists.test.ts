import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { merchantExists as MerchantExists } from "./merchant-exists";

let db: Database;
let merchantExists: typeof MerchantExists;

withConsoleDatabase(async (client) => {
  db = client;
  ({ merchantExists } = await import("./merchant-exists"));
});

describe(`whether a merchant exists, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("is true for a stored merchant and false for an unknown id", async () => {
    const merchant = await db.merchant.create({
      data: { environment: "sandbox", vatNumber: "DK12345678", name: "Bager Hansen", products: "invoice" },
    });
    expect(await merchantExists(db, merchant.id)).toBe(true);
    expect(await merchantExists(db, "no-such-merchant")).toBe(false);
  });

  it("is false for a merchant outside the environments the viewer may see", async () => {
    const merchant = await db.merchant.create({
      data: { environment: "production", vatNumber: "DK87654321", name: "Bager Jensen", products: "invoice" },
    });
    expect(await merchantExists(db, merchant.id, ["sandbox"])).toBe(false);
    expect(await merchantExists(db, merchant.id, [])).toBe(false);
    expect(await merchantExists(db, merchant.id, ["sandbox", "production"])).toBe(true);
    expect(await merchantExists(db, merchant.id, null)).toBe(true);
  });
});
