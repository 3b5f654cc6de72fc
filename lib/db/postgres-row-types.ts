import pg from "pg";

/**
 * Type parsers that make `pg` rows read as Prisma 6 types the same columns in its raw query results on
 * PostgreSQL: times as dates (a `timestamp` holds UTC, as Prisma writes it), `bigint` as BigInt, `bytea`
 * as Uint8Array; booleans, numbers, text and JSON as `pg` parses them anyway. Numeric columns are refused:
 * Prisma reads them as its Decimal, which fixed SQL has no reason to imitate.
 */
const { builtins, getTypeParser } = pg.types;

const parseBytes = getTypeParser(builtins.BYTEA);

function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

function zonedTimestamp(text: string): Date {
  // PostgreSQL writes the offset as "+01" or "+05:30"; JavaScript needs the minutes.
  return new Date(text.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
}

function refusedNumeric(): never {
  throw new Error("fixed SQL does not type NUMERIC columns: read them through Prisma");
}

const PARSERS: Partial<Record<number, (text: string) => unknown>> = {
  [builtins.TIMESTAMP]: utcTimestamp,
  [builtins.TIMESTAMPTZ]: zonedTimestamp,
  [builtins.DATE]: (text) => new Date(`${text}T00:00:00Z`),
  [builtins.INT8]: (text) => BigInt(text),
  [builtins.BYTEA]: (text) => new Uint8Array(parseBytes(text)),
  [builtins.NUMERIC]: refusedNumeric,
};

/** The `types` option of a `pg` query whose rows should look as Prisma's raw results do. */
export const PRISMA_ROW_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? "text") === "text" && PARSERS[oid]
      ? PARSERS[oid]
      : getTypeParser(oid, format as "text")) as typeof getTypeParser,
};

/**
 * A bound value as Prisma would send it: a date as its UTC time (a `timestamp` column ignores the zone,
 * while `pg` would write the machine's local time), a BigInt as its digits.
 */
export function driverValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value);
  return value;
}
