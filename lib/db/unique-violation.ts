/**
 * Whether a write failed on a unique constraint. By Prisma's error code, not by class: the SQLite and
 * PostgreSQL clients are generated apart and each has its own error classes, so `instanceof` against one of
 * them misses the other database's errors.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
