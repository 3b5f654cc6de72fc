import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";

import { isPostgresUrl } from "@/lib/db/database-url";
import { enablePostgresStatements, enableSqliteStatements } from "@/lib/db/fixed-statements";
import { SingleConnectionLibSQL } from "@/lib/db/single-connection-libsql";
import { logger } from "@/lib/logger";

/**
 * Ciphertext columns are omitted from every query unless a caller asks for them
 * explicitly, so only the token module ever reads them.
 */
export const SECRET_COLUMNS_OMITTED = {
  apiKey: { secretHash: true },
  merchantTokenSet: {
    accessTokenCiphertext: true,
    refreshTokenCiphertext: true,
    idTokenCiphertext: true,
  },
  staffUser: { passwordHash: true, totpSecret: true, totpPendingSecret: true },
  webhookEndpoint: { secretCiphertext: true, previousSecretCiphertext: true },
} as const;

function createSqliteClient(databaseUrl: string) {
  const adapter = new SingleConnectionLibSQL({ url: databaseUrl });
  const client = new PrismaClient({ adapter, omit: SECRET_COLUMNS_OMITTED });
  enableSqliteStatements(client, adapter);
  return client;
}

export type Database = ReturnType<typeof createSqliteClient>;

// The PostgreSQL client is generated from the same models (prisma/postgresql),
// so it has the same API; it is loaded only when PostgreSQL is configured.
const requireFromHere = createRequire(import.meta.url);

function createPostgresClient(databaseUrl: string): Database {
  const location = path.join(process.cwd(), "node_modules", ".prisma-postgresql", "client");
  const { PrismaClient: PostgresPrismaClient } = requireFromHere(/* turbopackIgnore: true */ location) as {
    PrismaClient: typeof PrismaClient;
  };
  // One pool for Prisma and for the fixed statements that bypass it, so both stay within its connections.
  // Idle connections do not keep the process alive, and a connection the server drops while idle is
  // only logged (Prisma stops listening for that when it disconnects; the pool outlives that).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, allowExitOnIdle: true });
  pool.on("error", (error) => logger.warn("an idle PostgreSQL connection failed", { error: error.message }));
  const adapter = new PrismaPg(pool);
  const client = new PostgresPrismaClient({ adapter, omit: SECRET_COLUMNS_OMITTED }) as unknown as Database;
  enablePostgresStatements(client, pool);
  return client;
}

export function createPrismaClient(databaseUrl: string): Database {
  return isPostgresUrl(databaseUrl) ? createPostgresClient(databaseUrl) : createSqliteClient(databaseUrl);
}
