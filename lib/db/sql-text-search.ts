import { configuredDatabaseIsPostgres } from "@/lib/db/database-url";

/**
 * "Contains, ignoring case" for SQL built at run time, with the value's own % and _ taken literally:
 * SQLite's LIKE already ignores ASCII case, PostgreSQL needs ILIKE. Returns the operator and the pattern
 * to bind, used as `column <operator> <marker> ESCAPE '\'`.
 */
export function containsPattern(value: string): { operator: "LIKE" | "ILIKE"; pattern: string } {
  const operator = configuredDatabaseIsPostgres() ? "ILIKE" : "LIKE";
  return { operator, pattern: `%${value.replace(/[\\%_]/g, (character) => `\\${character}`)}%` };
}
