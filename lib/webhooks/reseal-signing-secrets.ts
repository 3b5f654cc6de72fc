import "server-only";

import { getDb } from "@/lib/db/client";
import { resealSigningSecret } from "@/lib/webhooks/signing-secret";

export type ResealSigningSecretsResult = {
  resealed: number;
  alreadyCurrent: number;
  failed: { endpointId: string; reason: string }[];
};

/**
 * keys:rotate's part for webhook endpoints: signing secrets are sealed with TOKEN_ENCRYPTION_KEYS too, so
 * those under an older key are sealed again with the current one before that key may leave the list.
 * Each endpoint is rewritten only if its secrets are still the ones read, so a secret rotated meanwhile
 * is never overwritten.
 */
export async function resealSigningSecrets(): Promise<ResealSigningSecretsResult> {
  const db = getDb();
  const result: ResealSigningSecretsResult = { resealed: 0, alreadyCurrent: 0, failed: [] };
  const endpoints = await db.webhookEndpoint.findMany({
    select: { id: true, secretCiphertext: true, previousSecretCiphertext: true },
  });
  for (const endpoint of endpoints) {
    try {
      const current = resealSigningSecret(endpoint.secretCiphertext, endpoint.id, "secret");
      const previous = endpoint.previousSecretCiphertext
        ? resealSigningSecret(endpoint.previousSecretCiphertext, endpoint.id, "previousSecret")
        : undefined;
      if (!current && !previous) {
        result.alreadyCurrent += 1;
        continue;
      }
      const updated = await db.webhookEndpoint.updateMany({
        where: {
          id: endpoint.id,
          secretCiphertext: endpoint.secretCiphertext,
          previousSecretCiphertext: endpoint.previousSecretCiphertext,
        },
        data: {
          ...(current ? { secretCiphertext: current } : {}),
          ...(previous ? { previousSecretCiphertext: previous } : {}),
        },
      });
      if (updated.count === 1) result.resealed += 1;
      else result.failed.push({ endpointId: endpoint.id, reason: "its secret was rotated meanwhile; run again" });
    } catch (error) {
      result.failed.push({ endpointId: endpoint.id, reason: error instanceof Error ? error.message : "unknown" });
    }
  }
  return result;
}
