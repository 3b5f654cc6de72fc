import { boundAsPrisma } from "@/lib/db/bound-as-prisma";
import type { Database } from "@/lib/db/create-client";
import { fileConnectionOf, fixedStatements, fixedTransaction } from "@/lib/db/fixed-statements";
import type { SqlStatement } from "@/lib/db/row-statements";

/**
 * Fixed INSERTs and UPDATEs of the grouped writes on the hottest paths (token handout records, the proxied
 * calls' history), as one transaction. On SQLite they run in one synchronous batch on the connection,
 * outside Prisma, once no other transaction is open: an interactive Prisma transaction of two statements
 * cost about 5 ms of the server's one thread per group, the batch a fraction of that. On PostgreSQL they
 * run on the pool Prisma's adapter shares (fixedStatements), in a transaction of their own when more than one.
 */
export async function fixedWrite(db: Database, statements: readonly SqlStatement[]): Promise<void> {
  if (statements.length === 0) return;
  const connection = fileConnectionOf(db);
  if (connection) {
    await connection.writeBetweenTransactions(
      statements.map((statement) => ({ sql: statement.text, args: statement.values.map(boundAsPrisma) })),
    );
    return;
  }
  // One statement is atomic on its own: the handouts' hot path saves the round trips of BEGIN and COMMIT.
  if (statements.length === 1) {
    await fixedStatements(db).$executeRawUnsafe(statements[0]!.text, ...statements[0]!.values);
    return;
  }
  await fixedTransaction(db, async (tx) => {
    for (const statement of statements) await tx.$executeRawUnsafe(statement.text, ...statement.values);
  });
}
