import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export async function getConfigurationSummary() {
  const env = getEnv();
  const keyUsage = await getDb().merchantTokenSet.groupBy({ by: ["keyId"], _count: { _all: true } });
  return {
    database: env.DATABASE_URL.startsWith("file:") ? "SQLite (embedded)" : "PostgreSQL",
    encryptionKeyInUse: env.TOKEN_ENCRYPTION_KEYS[0]!.id,
    knownEncryptionKeys: env.TOKEN_ENCRYPTION_KEYS.map((key) => key.id),
    tokenSetsPerKey: keyUsage.map((row) => ({ keyId: row.keyId, count: row._count._all })),
    sandbox: env.SANDBOX_ENABLED ? { url: env.SANDBOX_URL, clientId: env.SANDBOX_CLIENT_ID } : null,
  };
}
