import { describe, expect, it } from "vitest";

import {
  decodeCursor,
  encodeCursor,
  filtersToSearchParams,
  parseAuditFilters,
  prefixUpperBound,
} from "./audit-filter-schemas";

describe("parseAuditFilters", () => {
  it("keeps valid filters and reads dates without a zone as UTC", () => {
    const { filters, problems } = parseAuditFilters({
      merchant: "cm123abc",
      actor: "admin@example.com",
      type: "link.",
      environment: "sandbox",
      from: "2025-01-01",
      to: "2025-01-31T14:00",
    });
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      merchant: "cm123abc",
      actor: "admin@example.com",
      type: "link.",
      environment: "sandbox",
      from: new Date("2025-01-01T00:00:00Z"),
      to: new Date("2025-01-31T14:00:00Z"),
    });
  });

  it("ignores each invalid filter with a message, keeping the rest", () => {
    const { filters, problems } = parseAuditFilters({
      merchant: "x' OR 1=1 --",
      type: "LINK%",
      environment: "staging",
      from: "yesterday",
      actor: "bo",
    });
    expect(filters).toEqual({ actor: "bo" });
    expect(problems.map((problem) => problem.field)).toEqual(["merchant", "type", "environment", "from"]);
  });

  it("drops a reversed or absurd time range, and treats empty fields as absent", () => {
    expect(parseAuditFilters({ from: "2025-02-01", to: "2025-01-01" }).filters).toEqual({});
    expect(parseAuditFilters({ from: "1800-01-01" }).problems[0]?.field).toBe("from");
    expect(parseAuditFilters({ merchant: "", type: ["token.", "link."] })).toEqual({
      filters: { type: "token." },
      problems: [],
    });
  });

  it("round-trips through query parameters", () => {
    const { filters } = parseAuditFilters({ type: "token.", from: "2025-01-01T10:00:00Z" });
    expect(parseAuditFilters(Object.fromEntries(filtersToSearchParams(filters))).filters).toEqual(filters);
  });
});

describe("cursor", () => {
  it("round-trips and refuses anything tampered", () => {
    const cursor = { occurredAt: new Date("2025-01-01T00:00:00.123Z"), id: "cm9xyz" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("not a cursor!")).toBeUndefined();
    expect(decodeCursor(Buffer.from("garbage|id|more").toString("base64url"))).toBeUndefined();
    expect(decodeCursor(Buffer.from("2025-13-45|id").toString("base64url"))).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });
});

describe("prefixUpperBound", () => {
  it("gives the first string after every string with the prefix", () => {
    expect(prefixUpperBound("link.")).toBe("link/");
    expect(prefixUpperBound("token.refreshed")).toBe("token.refreshee");
    expect("link.zzz" < prefixUpperBound("link.")).toBe(true);
    expect("linka" < prefixUpperBound("link.")).toBe(false);
  });
});
