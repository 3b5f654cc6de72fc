import path from "node:path";

import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

import { DEFAULT_DATABASE_URL, isPostgresUrl } from "./lib/db/database-url";
import { postgresMigrationAdapter } from "./prisma/postgresql/migration-adapter";

// The CLI does not read .env when a config file exists, and without a usable
// URL it silently falls back to a native engine it cannot download.
const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
process.env.DATABASE_URL = databaseUrl;
const postgres = isPostgresUrl(databaseUrl);

// libsql runs only the first statement of a multi-statement executeRaw, which
// makes the shadow-database replay of `migrate dev` report false drift.
function runScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

function sqliteAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaLibSQL({ url });
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => runScriptsWhole(await connectToShadowDb());
  return factory;
}

// One data model, one migration history per provider: SQLite for the embedded
// default, PostgreSQL for deployments with several instances.
const folder = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: {
    path: path.join(folder, "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  adapter: async () => (postgres ? postgresMigrationAdapter(databaseUrl) : sqliteAdapter(databaseUrl)),
});
