import { configuredDatabaseIsPostgres } from "@/lib/db/database-url";

/**
 * The marker of the n-th (1-based) bound value in SQL built at run time: PostgreSQL numbers them, SQLite
 * takes them in order. (Prisma's own SQL fragments cannot be used: each generated client recognises only
 * the fragments of its own runtime, and the PostgreSQL client is a second one.)
 */
export function bindMarker(position: number): string {
  return configuredDatabaseIsPostgres() ? `$${position}` : "?";
}

/** The values of a statement built at run time, in text order: `bind` adds one and returns its marker. */
export function boundValues(): { values: unknown[]; bind: (value: unknown) => string } {
  const values: unknown[] = [];
  return { values, bind: (value) => bindMarker(values.push(value)) };
}
