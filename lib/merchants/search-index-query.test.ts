import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { listMerchants as ListMerchants } from "./list-merchants";
import { ZMerchantListQuerySchema } from "./merchant-list-schemas";
import { COMMON_TRIGRAM_MERCHANTS, indexQueryFrom, trigramsOf } from "./search-index-query";
import type { searchIndexQuery as SearchIndexQuery } from "./search-index-query";

const onSqlite = process.env.TEST_DATABASE !== "postgresql";

describe("the trigrams of a search text", () => {
  it("are cut from the text by characters, not UTF-16 units, each once", () => {
    expect(trigramsOf("abcab")).toEqual(["abc", "bca", "cab"]);
    expect(trigramsOf("Sø🙂re")).toEqual(["Sø🙂", "ø🙂r", "🙂re"]);
    expect(trigramsOf("ab")).toEqual([]);
  });
});

describe("what the trigram index is asked for", () => {
  it("is the two rarest trigrams, both required, of those rarer than a common one", () => {
    const counts = new Map([
      ["Mer", COMMON_TRIGRAM_MERCHANTS],
      ["ert", 900],
      ["t 4", 120],
      [" 42", 11],
    ]);
    expect(indexQueryFrom("Mert 42", counts)).toBe('" 42" AND "t 4"');
  });

  it("is the one rare trigram alone when the others are common", () => {
    const counts = new Map([
      ["Mer", COMMON_TRIGRAM_MERCHANTS],
      ["t 4", COMMON_TRIGRAM_MERCHANTS + 1],
      [" 42", 11],
    ]);
    expect(indexQueryFrom("Mert 42", counts)).toBe('" 42"');
  });

  it("is the whole text as a phrase when every trigram is common", () => {
    const counts = new Map([
      ["App", COMMON_TRIGRAM_MERCHANTS],
      ["pps", COMMON_TRIGRAM_MERCHANTS],
    ]);
    expect(indexQueryFrom("Apps", counts)).toBe('"Apps"');
  });

  it("doubles quotes, so no character of the text is query syntax", () => {
    expect(indexQueryFrom('say "hi"', new Map([['"hi', 1]]))).toBe('"""hi"');
    expect(indexQueryFrom('say "hi"', new Map([["say", COMMON_TRIGRAM_MERCHANTS]]))).toBe('"say ""hi"""');
  });
});

let db: Database;
let searchIndexQuery: typeof SearchIndexQuery;
let listMerchants: typeof ListMerchants;

withConsoleDatabase(async (client) => {
  db = client;
  ({ searchIndexQuery } = await import("./search-index-query"));
  ({ listMerchants } = await import("./list-merchants"));
  for (const name of ["Merchant 4 ApS", "Merchant 42 ApS", "Merchant 420 ApS", "Merchant 7 ApS", 'Say "Hi" ApS']) {
    await storeMerchant(db, name, { tokenSet: null });
  }
});

describe.runIf(onSqlite)("a search through the trigram index on SQLite", () => {
  it("asks for the text's two rarest trigrams, counted in the index", async () => {
    // " 42" is in two names, "t 4" in three, every other trigram of the text in four.
    expect(await searchIndexQuery(db, "Merchant 42")).toBe('" 42" AND "t 4"');
    // Three trigrams or fewer than that: the text itself.
    expect(await searchIndexQuery(db, "ApS")).toBe('"ApS"');
    expect(await searchIndexQuery(db, "t 42")).toBe('"t 42"');
  });

  it("finds what LIKE finds, whichever trigram it asks for", async () => {
    const names = async (q: string) =>
      (await listMerchants(ZMerchantListQuerySchema.parse({ q }))).merchants.map((row) => row.name).sort();
    expect(await names("merchant 42")).toEqual(["Merchant 42 ApS", "Merchant 420 ApS"]);
    expect(await names("Merchant 4")).toEqual(["Merchant 4 ApS", "Merchant 42 ApS", "Merchant 420 ApS"]);
    expect(await names('"Hi" A')).toEqual(['Say "Hi" ApS']);
    expect(await names("chant 7 A")).toEqual(["Merchant 7 ApS"]);
    expect(await names("Merchant 43")).toEqual([]);
  });
});
