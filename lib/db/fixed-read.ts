import type { Database } from "@/lib/db/create-client";
import { boundAsPrisma } from "@/lib/db/bound-as-prisma";
import { fileConnectionOf, fixedStatements } from "@/lib/db/fixed-statements";
import { typedRows } from "@/lib/db/typed-rows";

/**
 * A fixed SELECT on the product's hottest paths (the API key on every integrator API request, the token
 * set on every handout, the keep-alive's claims) and on the console's pages (the staff member behind
 * every page, the merchants list and its counts, the audit log, a merchant's history). It runs outside
 * Prisma: Prisma 6 spends about 180 µs of CPU on each raw query (its query compiler, tracing and result
 * mapping) against about 20 µs for the statement. On SQLite it runs on the connection's prepared statement
 * and waits for any open transaction to end, so it reads only what is committed, as a statement of
 * Prisma's would; on PostgreSQL it runs on the pool the Prisma adapter shares, where a statement outside a
 * transaction sees only what is committed anyway. Values are bound and rows typed as Prisma binds and
 * types them (dates, booleans, BigInts), so callers see the same values on both databases.
 */
export async function fixedRead<Result>(db: Database, sql: string, ...values: unknown[]): Promise<Result[]> {
  const connection = fileConnectionOf(db);
  if (connection) {
    return typedRows<Result>(await connection.readBetweenTransactions({ sql, args: values.map(boundAsPrisma) }));
  }
  return fixedStatements(db).$queryRawUnsafe<Result[]>(sql, ...values);
}
