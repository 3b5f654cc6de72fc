import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import { CONNECTION_STATES } from "@/lib/inspection/merchant-live-state";

import type {
  countAllMerchantsByState as CountAllMerchantsByState,
  countMatchingMerchantsByState as CountMatchingMerchantsByState,
  countMerchantsByState as CountMerchantsByState,
  listMerchants as ListMerchants,
  MERCHANTS_PAGE_SIZE as PageSize,
} from "./list-merchants";
import { ZMerchantListQuerySchema } from "./merchant-list-schemas";
import { filterValueOf } from "./merchant-list-states";

/** The merchants list is plain SQL: filters, order and paging must hold on SQLite and PostgreSQL alike. */
let db: Database;
let listMerchants: typeof ListMerchants;
let countMerchantsByState: typeof CountMerchantsByState;
let countAllMerchantsByState: typeof CountAllMerchantsByState;
let countMatchingMerchantsByState: typeof CountMatchingMerchantsByState;
let pageSize: typeof PageSize;

const MINUTE_MS = 60_000;
const base = Date.now() - 1000 * MINUTE_MS;

function merchant(
  name: string,
  options: { vat?: string; environment?: string; minute: number; tokens?: "active" | "terminal"; unlinked?: boolean },
) {
  return storeMerchant(db, name, {
    merchant: {
      environment: options.environment ?? "sandbox",
      vatNumber: options.vat ?? "DK10000009",
      lastActivityAt: new Date(base + options.minute * MINUTE_MS),
      unlinkedAt: options.unlinked ? new Date(base) : null,
    },
    tokenSet: options.tokens
      ? {
          accessTokenExpiresAt: new Date(Date.now() + 10 * MINUTE_MS),
          grantedScopes: "invoice subscriptions",
          failureKind: options.tokens === "terminal" ? "terminal" : null,
        }
      : null,
  });
}

const list = (query: Record<string, string>) => listMerchants(ZMerchantListQuerySchema.parse(query));

withConsoleDatabase(async (client) => {
  db = client;
  ({
    listMerchants,
    countMerchantsByState,
    countAllMerchantsByState,
    countMatchingMerchantsByState,
    MERCHANTS_PAGE_SIZE: pageSize,
  } = await import("./list-merchants"));
  await merchant("Søren Cykler ApS", { vat: "DK11111111", minute: 30, tokens: "active" });
  await merchant("Fynsk Kaffe A/S", { vat: "DK22222222", minute: 20, tokens: "terminal" });
  await merchant("100% Bønner", { vat: "DK33333333", minute: 10 });
  await merchant("Gammel Forbindelse ApS", { vat: "DK44444444", minute: 5, unlinked: true });
  await merchant("Suomen Kahvi Oy", { vat: "FI55555555", environment: "sandbox-fi", minute: 40, tokens: "active" });
});

describe(`the merchants list on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("lists only the merchants of the environments a restricted reader may see", async () => {
    const scoped = await listMerchants(ZMerchantListQuerySchema.parse({}), { environments: ["sandbox-fi"] });
    expect(scoped).toMatchObject({ total: 1 });
    expect(scoped.merchants.map((row) => row.name)).toEqual(["Suomen Kahvi Oy"]);
    const filteredOutside = await listMerchants(ZMerchantListQuerySchema.parse({ environment: "sandbox" }), {
      environments: ["sandbox-fi"],
    });
    expect(filteredOutside.total).toBe(0);
    expect((await listMerchants(ZMerchantListQuerySchema.parse({}), { environments: [] })).total).toBe(0);
  });

  it("lists every merchant, newest activity first, with scopes and connection state", async () => {
    const result = await list({});
    expect(result).toMatchObject({ total: 5, page: 1, pageCount: 1 });
    expect(result.merchants.map((row) => row.name)).toEqual([
      "Suomen Kahvi Oy",
      "Søren Cykler ApS",
      "Fynsk Kaffe A/S",
      "100% Bønner",
      "Gammel Forbindelse ApS",
    ]);
    const byName = new Map(result.merchants.map((row) => [row.name, row]));
    expect(byName.get("Søren Cykler ApS")).toMatchObject({
      vatNumber: "DK11111111",
      environment: "sandbox",
      scopes: "invoice subscriptions",
      state: "active",
    });
    expect(byName.get("Søren Cykler ApS")?.accessTokenExpiresAt).toMatch(/Z$/);
    expect(byName.get("Fynsk Kaffe A/S")?.state).toBe("relink_needed");
    expect(byName.get("100% Bønner")).toMatchObject({
      scopes: "invoice",
      state: "never_used",
      accessTokenExpiresAt: null,
    });
    expect(byName.get("Gammel Forbindelse ApS")?.state).toBe("revoked");
    expect(byName.get("Gammel Forbindelse ApS")?.lastActivityAt).toBe(new Date(base + 5 * MINUTE_MS).toISOString());
  });

  it("searches name and VAT number ignoring case, and takes % and _ literally", async () => {
    expect((await list({ q: "cykler" })).merchants.map((row) => row.name)).toEqual(["Søren Cykler ApS"]);
    expect((await list({ q: "dk2222" })).merchants.map((row) => row.name)).toEqual(["Fynsk Kaffe A/S"]);
    expect((await list({ q: "100%" })).merchants.map((row) => row.name)).toEqual(["100% Bønner"]);
    expect((await list({ q: "%" })).total).toBe(1);
    expect((await list({ q: "_" })).total).toBe(0);
  });

  it("finds a merchant by its name as it is now, and not once it is deleted", async () => {
    const id = await merchant("Østerbro Is ApS", { vat: "DK66666666", minute: 1 });
    const names = async (q: string) => (await list({ q })).merchants.map((row) => row.name);
    expect(await names("STERBRO is")).toEqual(["Østerbro Is ApS"]);
    await db.merchant.update({ where: { id }, data: { name: 'Nørrebro "Is" ApS', vatNumber: "DK77777777" } });
    expect(await names("Østerbro")).toEqual([]);
    expect(await names("DK6666666")).toEqual([]);
    expect(await names('brO "Is"')).toEqual(['Nørrebro "Is" ApS']);
    expect(await names("dk7777777")).toEqual(['Nørrebro "Is" ApS']);
    await db.merchant.delete({ where: { id } });
    expect(await names("Nørrebro")).toEqual([]);
  });

  it("filters by environment and by connection state", async () => {
    expect((await list({ environment: "sandbox-fi" })).merchants.map((row) => row.name)).toEqual(["Suomen Kahvi Oy"]);
    expect((await list({ state: "linked" })).total).toBe(3);
    expect((await list({ state: "not_linked" })).merchants.map((row) => row.name)).toEqual(["100% Bønner"]);
    expect((await list({ state: "unlinked" })).merchants.map((row) => row.name)).toEqual(["Gammel Forbindelse ApS"]);
    expect((await list({ state: "linked", environment: "sandbox", q: "kaffe" })).total).toBe(1);
  });

  it("filters and counts by every connection state, deciding each as the badges do", async () => {
    const environment = "states-sandbox";
    const inFuture = (ms: number) => new Date(Date.now() + ms);
    const tokens = (fields: Record<string, unknown>) => ({
      accessTokenExpiresAt: inFuture(10 * MINUTE_MS),
      ...fields,
    });
    const stored = (name: string, tokenSet: Record<string, unknown> | null, unlinked = false) =>
      storeMerchant(db, name, {
        merchant: { environment, unlinkedAt: unlinked ? new Date() : null },
        tokenSet: tokenSet ? tokens(tokenSet) : null,
      });
    await stored("State active", {});
    await stored("State expiring", { accessTokenExpiresAt: inFuture(30_000) });
    // A transient failure being retried right now is refreshing; a terminal one needs a relink whatever else holds.
    await stored("State refreshing", { failureKind: "transient", leaseUntil: inFuture(MINUTE_MS) });
    await stored("State interrupted", { refreshStartedAt: new Date(Date.now() - MINUTE_MS) });
    await stored("State degraded", { failureKind: "transient", leaseUntil: new Date(Date.now() - MINUTE_MS) });
    await stored("State relink_needed", { failureKind: "terminal", leaseUntil: inFuture(MINUTE_MS) });
    await stored("State revoked", null, true);
    await stored("State never_used", null);

    const counts = await countMerchantsByState({ environment });
    for (const state of CONNECTION_STATES) {
      expect(counts[state], state).toBe(1);
      const listed = await list({ environment, state: filterValueOf(state) });
      expect(
        listed.merchants.map((row) => [row.name, row.state]),
        state,
      ).toEqual([[`State ${state}`, state]]);
      expect(listed.total).toBe(1);
    }
    expect((await list({ environment, state: "linked" })).total).toBe(6);
    // A search decides its matches once for both the page and the counts: the same merchants and counts.
    const searched = await list({ environment, q: "state" });
    expect(searched.stateCounts).toEqual(counts);
    expect(searched.total).toBe(CONNECTION_STATES.length);
    for (const state of CONNECTION_STATES) {
      const found = await list({ environment, q: "state", state: filterValueOf(state) });
      expect(
        found.merchants.map((row) => [row.name, row.state]),
        state,
      ).toEqual([[`State ${state}`, state]]);
      expect(found.merchants[0]?.lastActivityAt, state).toMatch(/Z$/);
      expect(found).toMatchObject({ total: 1, stateCounts: counts });
    }
    const linked = await list({ environment, q: "state", state: "linked" });
    expect(linked.total).toBe(6);
    expect(linked.merchants.map((row) => row.state).sort()).toEqual(
      CONNECTION_STATES.filter((state) => state !== "revoked" && state !== "never_used").sort(),
    );
    // Counts follow the search and the scope, so a count's link shows exactly that many.
    expect(await countMerchantsByState({ environment, q: "degraded" })).toMatchObject({ degraded: 1, active: 0 });
    expect(Object.values(await countMerchantsByState({ environment }, { environments: [] }))).toEqual(
      CONNECTION_STATES.map(() => 0),
    );
  });

  it("counts every merchant through indexes exactly as deciding each merchant's state would", async () => {
    const environment = "every-state-sandbox";
    const at = (ms: number) => new Date(Date.now() + ms);
    const stored = (name: string, tokenSet: Record<string, unknown> | null, unlinkedAt: Date | null = null) =>
      storeMerchant(db, name, {
        merchant: { environment, unlinkedAt },
        tokenSet: tokenSet ? { accessTokenExpiresAt: at(10 * MINUTE_MS), ...tokenSet } : null,
      });
    // Each state, and the cases where the index seeks overlap or a state hides the expiry.
    await stored("Every active", {});
    await stored("Every expiring", { accessTokenExpiresAt: at(30_000) });
    await stored("Every expired", { accessTokenExpiresAt: at(-MINUTE_MS) });
    await stored("Every refreshing", { leaseUntil: at(MINUTE_MS), refreshStartedAt: at(-1000) });
    await stored("Every refreshing transient", { failureKind: "transient", leaseUntil: at(MINUTE_MS) });
    await stored("Every lease ran out", { leaseUntil: at(-MINUTE_MS), accessTokenExpiresAt: at(-MINUTE_MS) });
    await stored("Every interrupted expired", { refreshStartedAt: at(-MINUTE_MS), accessTokenExpiresAt: at(-1000) });
    await stored("Every degraded", { failureKind: "transient", refreshStartedAt: at(-MINUTE_MS) });
    await stored("Every relink", { failureKind: "terminal", leaseUntil: at(MINUTE_MS), refreshStartedAt: at(-1) });
    await stored("Every relink expired", { failureKind: "terminal", accessTokenExpiresAt: at(-MINUTE_MS) });
    await stored("Every relinked after unlink", {}, at(-MINUTE_MS));
    await stored("Every revoked", null, at(-MINUTE_MS));
    await stored("Every never used", null);

    const now = new Date();
    const decidedOneByOne = await countMatchingMerchantsByState({}, { environments: null }, now);
    expect(await countAllMerchantsByState(now)).toEqual(decidedOneByOne);
    expect(await countMerchantsByState({}, { environments: null }, now)).toEqual(decidedOneByOne);
    expect(await countMatchingMerchantsByState({ environment }, { environments: null }, now)).toEqual({
      active: 2,
      expiring: 3,
      refreshing: 2,
      interrupted: 1,
      degraded: 1,
      relink_needed: 2,
      revoked: 1,
      never_used: 1,
    });
    // The unfiltered list's total is the sum of those counts.
    const everyone = await list({});
    expect(everyone.total).toBe(Object.values(decidedOneByOne).reduce((sum, count) => sum + count, 0));
    expect((await list({ state: "expiring" })).total).toBe(decidedOneByOne.expiring);
  });

  it("pages through many merchants without skipping or repeating one", async () => {
    for (let index = 0; index < pageSize + 3; index += 1) {
      await merchant(`Paged Merchant ${String(index).padStart(2, "0")}`, { minute: 100, vat: `DK9${index}` });
    }
    const first = await list({ q: "Paged Merchant" });
    const second = await list({ q: "Paged Merchant", page: "2" });
    expect(first).toMatchObject({ total: pageSize + 3, pageCount: 2 });
    expect(first.merchants).toHaveLength(pageSize);
    expect(second).toMatchObject({ total: pageSize + 3, pageCount: 2, page: 2 });
    expect(second.merchants).toHaveLength(3);
    // Past the last page: no rows, and the total still counted.
    expect(await list({ q: "Paged Merchant", page: "3" })).toMatchObject({ total: pageSize + 3, merchants: [] });
    expect(await list({ q: "no such merchant anywhere" })).toMatchObject({ total: 0, pageCount: 1, merchants: [] });
    const names = [...first.merchants, ...second.merchants].map((row) => row.name);
    expect(new Set(names).size).toBe(pageSize + 3);
  });
});
