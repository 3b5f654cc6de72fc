import type { ResultSet, Row } from "@libsql/client";

import type { Database } from "@/lib/db/create-client";
import type { SingleConnectionClient, SingleConnectionLibSQL } from "@/lib/db/single-connection-libsql";

const sqliteAdapters = new WeakMap<Database, SingleConnectionLibSQL>();

/** Called where the SQLite client is made, so that fixedRead can reach its connection. */
export function enableFixedReads(db: Database, adapter: SingleConnectionLibSQL): void {
  sqliteAdapters.set(db, adapter);
}

/** The SQLite file connection under `db`, or undefined where statements go through Prisma only. */
export function fileConnectionOf(db: Database): SingleConnectionClient | undefined {
  return sqliteAdapters.get(db)?.connection;
}

export type FixedReadValue = string | number | null;

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
      throw new Error("fixedRead does not type DECIMAL columns: read them through Prisma");
    default:
      return value;
  }
}

function typedRows<Result>(result: ResultSet): Result[] {
  return result.rows.map((row) => {
    const typed: Record<string, unknown> = {};
    result.columns.forEach((column, index) => {
      typed[column] = typedValue(row[index]!, result.columnTypes[index] ?? "");
    });
    return typed as Result;
  });
}

/**
 * A fixed SELECT on the product's hottest paths (the API key on every integrator API request, the token
 * set on every handout). On SQLite it runs on the connection's prepared statement, outside Prisma: Prisma 6
 * spends about 180 µs of CPU on each raw query (its query compiler, tracing and result mapping) against
 * about 20 µs for the statement. It waits for any open transaction to end, so it reads only what is
 * committed, as a statement of Prisma's would. Rows are typed as Prisma types them (dates, booleans), so
 * callers see the same values on SQLite and PostgreSQL, where it is Prisma's $queryRawUnsafe.
 */
export async function fixedRead<Result>(db: Database, sql: string, ...values: FixedReadValue[]): Promise<Result[]> {
  const connection = fileConnectionOf(db);
  if (!connection) return db.$queryRawUnsafe<Result[]>(sql, ...values);
  return typedRows<Result>(await connection.readBetweenTransactions({ sql, args: values }));
}
