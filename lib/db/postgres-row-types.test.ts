import pg from "pg";
import { describe, expect, it } from "vitest";

import { driverValue, PRISMA_ROW_TYPES } from "./postgres-row-types";

const { builtins } = pg.types;
const parse = (oid: number, text: string) => PRISMA_ROW_TYPES.getTypeParser(oid, "text")(text);

describe("PostgreSQL values as Prisma types them", () => {
  it("reads times as dates, a timestamp without zone as UTC", () => {
    expect(parse(builtins.TIMESTAMP, "2026-12-01 10:00:00.123")).toEqual(new Date("2026-12-01T10:00:00.123Z"));
    expect(parse(builtins.TIMESTAMPTZ, "2026-12-01 10:00:00.5+01")).toEqual(new Date("2026-12-01T09:00:00.500Z"));
    expect(parse(builtins.TIMESTAMPTZ, "2026-12-01 10:00:00+05:30")).toEqual(new Date("2026-12-01T04:30:00Z"));
    expect(parse(builtins.DATE, "2026-12-01")).toEqual(new Date("2026-12-01T00:00:00Z"));
  });

  it("reads bigint as BigInt and bytea as bytes, leaves the rest to pg, and refuses numeric", () => {
    expect(parse(builtins.INT8, "9007199254740993")).toBe(9007199254740993n);
    expect(parse(builtins.BYTEA, "\\x0102ff")).toEqual(new Uint8Array([1, 2, 255]));
    expect(parse(builtins.BOOL, "t")).toBe(true);
    expect(parse(builtins.INT4, "42")).toBe(42);
    expect(() => parse(builtins.NUMERIC, "1.5")).toThrow(/NUMERIC/);
  });

  it("binds dates as their UTC time and BigInts as digits", () => {
    expect(driverValue(new Date("2026-12-01T10:00:00.123Z"))).toBe("2026-12-01T10:00:00.123Z");
    expect(driverValue(12n)).toBe("12");
    expect(driverValue("text")).toBe("text");
    expect(Buffer.isBuffer(driverValue(new Uint8Array([1])))).toBe(true);
  });
});
