import type { ResultSet, Row } from "@libsql/client";

/** A value as Prisma's raw queries type it, from the column's declared type. */
function typedValue(value: Row[number], declaredType: string): unknown {
  if (value === null) return null;
  switch (declaredType.toUpperCase()) {
    case "DATETIME":
      return new Date(value as string | number);
    case "BOOLEAN":
      return value === 1 || value === "1" || value === "true";
    case "BIGINT":
      return BigInt(value as number);
    case "BLOB":
      return new Uint8Array(value as ArrayBuffer);
    case "DECIMAL":
      throw new Error("fixed statements do not type DECIMAL columns: read them through Prisma");
    default:
      return value;
  }
}

/** The rows of a result from the SQLite file connection, typed as Prisma types its raw queries' rows. */
export function typedRows<Result>(result: ResultSet): Result[] {
  return result.rows.map((row) => {
    const typed: Record<string, unknown> = {};
    result.columns.forEach((column, index) => {
      typed[column] = typedValue(row[index]!, result.columnTypes[index] ?? "");
    });
    return typed as Result;
  });
}
