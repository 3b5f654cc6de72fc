// The embedded default: one SQLite file in the git-ignored data folder.
export const DEFAULT_DATABASE_URL = "file:./.data/console.db";

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgresql://") || url.startsWith("postgres://");
}

/** Whether this process's database (DATABASE_URL) is PostgreSQL, for the few places SQL text differs. */
export function configuredDatabaseIsPostgres(): boolean {
  return isPostgresUrl(process.env.DATABASE_URL ?? "");
}
