import "server-only";

import type { Database } from "@/lib/db/create-client";
import { fixedRead } from "@/lib/db/fixed-read";
import { processShared } from "@/lib/process-shared";

/** The trigram index finds nothing shorter than this (in characters). */
const SHORTEST_INDEXED_SEARCH = 3;

/**
 * Texts with fewer trigrams than this are asked for as they are: one trigram is its own phrase, and the phrase
 * of two reads about what its rarer one does.
 */
const FEWEST_TRIGRAMS_WORTH_COUNTING = 3;

/**
 * Above this many merchants a trigram says little: counting stops here, and a text whose trigrams all reach it
 * is asked for as a phrase. Reading this many merchants' rows to check them costs about what the phrase of a
 * text whose trigrams are all common costs at 100,000 merchants.
 */
export const COMMON_TRIGRAM_MERCHANTS = 2_000;

/**
 * How many rare trigrams a search asks for together. At 100,000 merchants, "Merchant 42 ApS" (one merchant)
 * had 1,000 candidates by its rarest trigram and 12 by its two rarest: 0.61 against 0.12 ms. A third read
 * its own list for a merchant or two less.
 */
const RARE_TRIGRAMS_ASKED = 2;

/** How long a trigram's count is trusted. Counts only steer the search's speed, never its answer. */
const COUNT_KEPT_MS = 10 * 60_000;
/** Beyond this many trigrams remembered per database, they are forgotten and counted again as searched. */
const MOST_TRIGRAMS_KEPT = 10_000;

type TrigramCounts = Map<string, { merchants: number; countedAt: number }>;

// Per database client, so that two databases in one process (tests, tools) never share counts.
const countsByDatabase = processShared("merchant-search-trigram-counts", () => new WeakMap<Database, TrigramCounts>());

/**
 * The distinct trigrams of a text, cut from the text itself: the index folds the case of each one as it folds
 * the names, character by character, whereas lower-casing the text first could change its characters.
 */
export function trigramsOf(text: string): string[] {
  const characters = [...text];
  const trigrams = new Set<string>();
  for (let start = 0; start + SHORTEST_INDEXED_SEARCH <= characters.length; start++) {
    trigrams.add(characters.slice(start, start + SHORTEST_INDEXED_SEARCH).join(""));
  }
  return [...trigrams];
}

/** Whether the trigram index can serve a search for the text: it has at least one trigram. */
export function trigramIndexServes(text: string): boolean {
  return [...text].length >= SHORTEST_INDEXED_SEARCH;
}

/** A string as an FTS5 query: one phrase, quotes doubled, so no character of it is query syntax. */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * What to ask the trigram index (MerchantSearch) for a search text of at least three characters: the merchants
 * whose name or VAT number may contain it. Every merchant containing the text contains each of its trigrams,
 * so any of them finds a superset of the matches, as the whole text as a phrase does, and the LIKE beside it
 * still decides. A phrase reads the index's list of every trigram in it, and in "Merchant 42" seven of nine
 * are in nearly every name; the rarest trigrams alone read only their own short lists. Which ones are rarest
 * comes from counts kept per process for a while; without a rare one the phrase is asked for as before.
 */
export async function searchIndexQuery(db: Database, text: string): Promise<string> {
  const trigrams = trigramsOf(text);
  if (trigrams.length < FEWEST_TRIGRAMS_WORTH_COUNTING) return ftsPhrase(text);
  const counts = new Map<string, number>();
  for (const trigram of trigrams) counts.set(trigram, await merchantsWithTrigram(db, trigram));
  return indexQueryFrom(text, counts);
}

/**
 * The rarest trigrams of the text, up to RARE_TRIGRAMS_ASKED of those rarer than COMMON_TRIGRAM_MERCHANTS, all
 * of which a match must hold; else the text as a phrase.
 */
export function indexQueryFrom(text: string, merchantsWith: Map<string, number>): string {
  const rarest = [...merchantsWith]
    .filter(([, merchants]) => merchants < COMMON_TRIGRAM_MERCHANTS)
    .sort(([, a], [, b]) => a - b)
    .slice(0, RARE_TRIGRAMS_ASKED)
    .map(([trigram]) => ftsPhrase(trigram));
  return rarest.length > 0 ? rarest.join(" AND ") : ftsPhrase(text);
}

/** How many merchants' names or VAT numbers hold the trigram, up to COMMON_TRIGRAM_MERCHANTS. */
async function merchantsWithTrigram(db: Database, trigram: string): Promise<number> {
  let counts = countsByDatabase.get(db);
  if (!counts) {
    counts = new Map();
    countsByDatabase.set(db, counts);
  }
  const now = Date.now();
  const known = counts.get(trigram);
  if (known && now - known.countedAt < COUNT_KEPT_MS) return known.merchants;
  const [row] = await fixedRead<{ merchants: number | bigint }>(
    db,
    `SELECT COUNT(*) AS "merchants" FROM (
      SELECT 1 FROM "MerchantSearch" WHERE "MerchantSearch" MATCH ? LIMIT ?
    ) found`,
    ftsPhrase(trigram),
    COMMON_TRIGRAM_MERCHANTS,
  );
  if (counts.size >= MOST_TRIGRAMS_KEPT) counts.clear();
  const merchants = Number(row?.merchants ?? 0);
  counts.set(trigram, { merchants, countedAt: now });
  return merchants;
}
