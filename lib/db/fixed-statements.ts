import type { Pool, PoolClient } from "pg";

import type { Database } from "@/lib/db/create-client";
import { driverValue, PRISMA_ROW_TYPES } from "@/lib/db/postgres-row-types";

/** What fixed SQL needs of a client: Prisma's clients and transactions have it, and so does a `pg` pool. */
export type RawStatements = {
  $queryRawUnsafe<Result = unknown>(sql: string, ...values: unknown[]): PromiseLike<Result>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): PromiseLike<number>;
};

const postgresPools = new WeakMap<Database, Pool>();

/** Called where the PostgreSQL client is made, with the pool its adapter shares. */
export function enablePostgresStatements(db: Database, pool: Pool): void {
  postgresPools.set(db, pool);
}

/** The pool behind a PostgreSQL client, if fixed SQL may use it directly. */
export function postgresPoolOf(db: Database): Pool | undefined {
  return postgresPools.get(db);
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
