import type { Pool, PoolClient } from "pg";

import type { Database } from "@/lib/db/create-client";
import { driverValue, PRISMA_ROW_TYPES } from "@/lib/db/postgres-row-types";
import type { SingleConnectionClient, SingleConnectionLibSQL } from "@/lib/db/single-connection-libsql";
import { processShared } from "@/lib/process-shared";

/** What fixed SQL needs of a client: Prisma's clients and transactions have it, and so does a `pg` pool. */
export type RawStatements = {
  $queryRawUnsafe<Result = unknown>(sql: string, ...values: unknown[]): PromiseLike<Result>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): PromiseLike<number>;
};

// The driver under each client, registered where the client is made, for fixed SQL that bypasses Prisma.
// Per process: the client is made in whichever of Next's bundles asks first, and every bundle uses it.
const postgresPools = processShared("postgres-pools", () => new WeakMap<Database, Pool>());
const sqliteAdapters = processShared("sqlite-adapters", () => new WeakMap<Database, SingleConnectionLibSQL>());

/** Called where the PostgreSQL client is made, with the pool its adapter shares. */
export function enablePostgresStatements(db: Database, pool: Pool): void {
  postgresPools.set(db, pool);
}

/** Called where the SQLite client is made, with its adapter (whose connection Prisma opens later). */
export function enableSqliteStatements(db: Database, adapter: SingleConnectionLibSQL): void {
  sqliteAdapters.set(db, adapter);
}

/** The SQLite file connection under `db`; undefined on PostgreSQL and on SQLite served over the network. */
export function fileConnectionOf(db: Database): SingleConnectionClient | undefined {
  return sqliteAdapters.get(db)?.connection;
}

function onConnection(queryable: Pool | PoolClient): RawStatements {
  const run = (sql: string, values: unknown[]) =>
    queryable.query({ text: sql, values: values.map(driverValue), types: PRISMA_ROW_TYPES });
  return {
    async $queryRawUnsafe<Result>(sql: string, ...values: unknown[]) {
      return (await run(sql, values)).rows as Result;
    },
    async $executeRawUnsafe(sql: string, ...values: unknown[]) {
      return (await run(sql, values)).rowCount ?? 0;
    },
  };
}

/**
 * Where the keep-alive sweep's grouped statements run. On PostgreSQL they go to the `pg` pool the Prisma
 * adapter shares, outside Prisma: a sweep of 4,000 merchants spent about 0.6 ms of CPU per merchant in
 * Prisma 6's raw query path (its query compiler, tracing and argument mapping, which grow with the bound
 * values of a grouped statement) on top of the driver's own work. On SQLite, Prisma's client as it is.
 */
export function fixedStatements(db: Database): RawStatements {
  const pool = postgresPools.get(db);
  return pool ? onConnection(pool) : db;
}

/**
 * Runs `work` in one transaction with fixed statements: on PostgreSQL on one of the pool's connections
 * between BEGIN and COMMIT (rolled back if `work` throws), on SQLite as Prisma's interactive transaction.
 */
export async function fixedTransaction<Result>(
  db: Database,
  work: (tx: RawStatements) => Promise<Result>,
): Promise<Result> {
  const pool = postgresPools.get(db);
  if (!pool) return db.$transaction((tx) => work(tx));
  const connection = await pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await work(onConnection(connection));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not given back to the pool.
    await connection.query("ROLLBACK").catch((rollbackError: Error) => void (broken = rollbackError));
    throw error;
  } finally {
    connection.release(broken);
  }
}
