import type { Prisma } from "@prisma/client";

import { isPostgresUrl } from "@/lib/db/database-url";

/**
 * "Contains" that ignores case on both databases: SQLite's LIKE already does
 * for ASCII, PostgreSQL needs insensitive mode (which SQLite's client lacks).
 */
export function textContains(value: string): Prisma.StringFilter {
  const postgres = isPostgresUrl(process.env.DATABASE_URL ?? "");
  return (postgres ? { contains: value, mode: "insensitive" } : { contains: value }) as Prisma.StringFilter;
}
