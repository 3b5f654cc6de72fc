// The embedded default: one SQLite file in the git-ignored data folder.
export const DEFAULT_DATABASE_URL = "file:./.data/console.db";

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgresql://") || url.startsWith("postgres://");
}
