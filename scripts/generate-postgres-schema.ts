/**
 * The data model has one source of truth, prisma/schema.prisma (SQLite). This
 * writes its PostgreSQL twin; `--check` fails when the committed twin is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const source = path.join("prisma", "schema.prisma");
const target = path.join("prisma", "postgresql", "schema.prisma");

export function postgresSchemaFrom(sqliteSchema: string): string {
  const header =
    "// Generated from prisma/schema.prisma by `npm run db:pg:schema`. Do not edit: change the source instead.\n\n";
  const converted = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(
      /(generator client \{[^}]*?)(\n\})/,
      `$1\n  output     = "../../node_modules/.prisma-postgresql/client"$2`,
    );
  if (converted === sqliteSchema) throw new Error("prisma/schema.prisma no longer looks like the SQLite source");
  return header + converted;
}

const wanted = postgresSchemaFrom(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== wanted) {
    console.error(`${target} is out of date: run npm run db:pg:schema and add a PostgreSQL migration.`);
    process.exit(1);
  }
} else {
  writeFileSync(target, wanted);
  console.log(`wrote ${target}`);
}
