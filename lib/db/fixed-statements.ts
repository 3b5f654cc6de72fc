import type { Pool, PoolClient } from "pg";

import { boundAsPrisma } from "@/lib/db/bound-as-prisma";
import type { Database } from "@/lib/db/create-client";
import { driverValue, PRISMA_ROW_TYPES } from "@/lib/db/postgres-row-types";
import type { SingleConnectionClient, SingleConnectionLibSQL } from "@/lib/db/single-connection-libsql";
import { typedRows } from "@/lib/db/typed-rows";
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
 * Each statement as a write of its own on the SQLite file connection, once no transaction is open there, so
 * it never lands inside another caller's transaction. Not for use inside a transaction of Prisma's on the
 * same client: the statement would wait for that transaction, which waits for it.
 */
function onFileConnection(connection: SingleConnectionClient): RawStatements {
  const run = async (sql: string, values: unknown[]) => {
    const [result] = await connection.writeBetweenTransactions([{ sql, args: values.map(boundAsPrisma) }]);
    return result!;
  };
  return {
    async $queryRawUnsafe<Result>(sql: string, ...values: unknown[]) {
      return typedRows(await run(sql, values)) as Result;
    },
    async $executeRawUnsafe(sql: string, ...values: unknown[]) {
      return (await run(sql, values)).rowsAffected;
    },
  };
}

/**
 * Where the keep-alive sweep's and the token service's grouped statements (leases, attempts) run, outside
 * Prisma. On PostgreSQL they go to the `pg` pool the Prisma adapter shares: a sweep of 4,000 merchants spent
 * about 0.6 ms of CPU per merchant in Prisma 6's raw query path (its query compiler, tracing and argument
 * mapping, which grow with the bound values of a grouped statement) on top of the driver's own work. On a
 * SQLite file they run on its connection: through Prisma, a refresh's lease and its attempt's audit event
 * took about 1.6 ms each before the token endpoint was asked, with every caller waiting.
 */
export function fixedStatements(db: Database): RawStatements {
  const pool = postgresPools.get(db);
  if (pool) return onConnection(pool);
  const connection = fileConnectionOf(db);
  return connection ? onFileConnection(connection) : db;
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
