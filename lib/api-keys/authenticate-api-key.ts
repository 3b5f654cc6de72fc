import "server-only";

import type { ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import { hashApiKeySecret, looksLikeApiKeySecret } from "@/lib/api-keys/api-key-secret";
import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { fixedRead } from "@/lib/db/fixed-read";
import { logger } from "@/lib/logger";
import { processShared } from "@/lib/process-shared";

/** A key that passed its checks, as the API's handlers see it: never its secret or hash. */
export type ApiPrincipal = {
  keyId: string;
  name: string;
  environments: string[];
  scopes: ApiKeyScope[];
  returnUrlOrigins: string[];
};

/** Why a key was refused: for logs and tests only. The caller answers every kind with the same 401. */
export type ApiKeyRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type ApiKeyCheck = { ok: true; principal: ApiPrincipal } | { ok: false; refusal: ApiKeyRefusal };

type ApiKeyRow = {
  id: string;
  name: string;
  environments: string;
  scopes: string;
  returnUrlOrigins: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** "Last used" is written at most this often per key and instance, so a busy key costs no write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;
const lastUsedWrites = processShared("api-key-last-used-writes", () => new Map<string, number>());

const words = (text: string) => text.split(" ").filter(Boolean);

/** The secret of an `Authorization: Bearer …` header; any other scheme or shape is no key. */
export function bearerSecretOf(header: string | null): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/**
 * Finds the key a request presents and checks it is neither revoked nor expired. One indexed read of
 * the key's row on every request (fixedRead, as Prisma 6 compiles every query anew): revoking
 * takes effect on the next request on every instance, because nothing about a key is cached.
 */
export async function authenticateApiKey(
  db: Database,
  authorization: string | null,
  now: Date = new Date(),
): Promise<ApiKeyCheck> {
  const secret = bearerSecretOf(authorization);
  if (!secret) return { ok: false, refusal: "missing" };
  if (!looksLikeApiKeySecret(secret)) return { ok: false, refusal: "malformed" };
  const [row] = await fixedRead<ApiKeyRow>(
    db,
    `SELECT "id", "name", "environments", "scopes", "returnUrlOrigins", "expiresAt", "revokedAt", "lastUsedAt"
     FROM "ApiKey" WHERE "secretHash" = ${bindMarker(1)}`,
    hashApiKeySecret(secret),
  );
  if (!row) return { ok: false, refusal: "unknown" };
  if (row.revokedAt) return { ok: false, refusal: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, refusal: "expired" };
  noteKeyUse(db, row, now);
  return {
    ok: true,
    principal: {
      keyId: row.id,
      name: row.name,
      environments: words(row.environments),
      scopes: words(row.scopes) as ApiKeyScope[],
      returnUrlOrigins: words(row.returnUrlOrigins),
    },
  };
}

function noteKeyUse(db: Database, row: ApiKeyRow, now: Date): void {
  const stored = row.lastUsedAt?.getTime() ?? 0;
  const written = Math.max(stored, lastUsedWrites.get(row.id) ?? 0);
  if (now.getTime() - written < LAST_USED_RESOLUTION_MS) return;
  lastUsedWrites.set(row.id, now.getTime());
  db.$executeRawUnsafe(`UPDATE "ApiKey" SET "lastUsedAt" = ${bindMarker(1)} WHERE "id" = ${bindMarker(2)}`, now, row.id)
    // "Last used" is a courtesy for people; a failed write must not fail the call it describes.
    .catch((error: unknown) => logger.warn("could not note an API key's last use", { apiKeyId: row.id, error }));
}
