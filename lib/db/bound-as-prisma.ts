import type { InValue } from "@libsql/client";

/**
 * A value bound on the SQLite connection as Prisma's SQLite adapter binds it: dates as ISO 8601 text, as
 * Prisma's own writes store them and its statements compare them.
 */
export function boundAsPrisma(value: unknown): InValue {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (value === undefined) throw new TypeError("undefined cannot be bound: pass null");
  return value as InValue;
}
