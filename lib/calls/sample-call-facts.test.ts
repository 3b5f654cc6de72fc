import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { sampleCallFacts } from "@/lib/calls/sample-call-facts";
import type { getDb } from "@/lib/db/client";
import type { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

let modules: {
  sampleCallFacts: typeof sampleCallFacts;
  getDb: typeof getDb;
  encryptTokenSet: typeof encryptTokenSet;
};

withConsoleDatabase(async () => {
  modules = {
    ...(await import("@/lib/calls/sample-call-facts")),
    ...(await import("@/lib/db/client")),
    ...(await import("@/lib/tokens/encrypt-token-set")),
  };
});

type StoredLink = { mobilePayId?: string | null; unlinkedAt?: Date | null; grantedScopes?: string | null };

/** A merchant row as the link flow leaves it; `grantedScopes: null` stores no token set. */
async function storeMerchant({
  // MobilePay ids are unique per environment, so each merchant gets its own.
  mobilePayId = randomUUID(),
  unlinkedAt = null,
  grantedScopes = "openid offline_access invoice subscriptions",
}: StoredLink = {}): Promise<string> {
  const db = modules.getDb();
  const merchant = await db.merchant.create({
    data: {
      environment: "sandbox",
      mobilePayId,
      vatNumber: "FI12345678",
      name: "Facts Merchant",
      products: "invoice subscriptions",
      unlinkedAt,
    },
  });
  if (grantedScopes !== null) {
    await db.merchantTokenSet.create({
      data: {
        merchantId: merchant.id,
        ...modules.encryptTokenSet("sandbox", merchant.id, { accessToken: "access", refreshToken: "refresh" }),
        accessTokenExpiresAt: new Date(Date.now() + 300_000),
        accessTokenIssuedAt: new Date(),
        grantedScopes,
      },
    });
  }
  return merchant.id;
}

describe("sampleCallFacts", () => {
  it("gives a linked merchant's MobilePay id and the products its consent covers", async () => {
    const mobilePayId = randomUUID();
    const id = await storeMerchant({ mobilePayId, grantedScopes: "openid offline_access invoice" });
    const facts = await modules.sampleCallFacts(id);
    expect(facts.merchant).toMatchObject({ id, name: "Facts Merchant", environment: "sandbox" });
    expect(facts.link).toEqual({ mobilePayId, grantedProducts: ["invoice"] });
  });

  it("has no link for a merchant never linked, unlinked, or without MobilePay's merchant id", async () => {
    const never = await storeMerchant({ grantedScopes: null });
    const unlinked = await storeMerchant({ unlinkedAt: new Date() });
    // Tokens alone are not enough: the calls would have no merchant to address.
    const anonymous = await storeMerchant({ mobilePayId: null });
    for (const id of [never, unlinked, anonymous]) {
      expect((await modules.sampleCallFacts(id)).link).toBeNull();
    }
  });

  it("answers NOT_FOUND for an unknown merchant", async () => {
    await expect(modules.sampleCallFacts("no-such-merchant")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
