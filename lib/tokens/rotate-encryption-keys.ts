import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { getTokenCipher, tokenAssociatedData, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

export type RotateEncryptionKeysResult = {
  reEncrypted: number;
  alreadyCurrent: number;
  failed: { merchantId: string; reason: string }[];
};

const COLUMNS: [TokenColumn, "accessTokenCiphertext" | "refreshTokenCiphertext" | "idTokenCiphertext"][] = [
  ["accessToken", "accessTokenCiphertext"],
  ["refreshToken", "refreshTokenCiphertext"],
  ["idToken", "idTokenCiphertext"],
];

/**
 * Re-encrypts every stored token set with the current key. Each set is
 * rewritten only if its version is unchanged, so a refresh that lands
 * meanwhile is never overwritten; a set that cannot be decrypted is reported
 * and left as it is.
 */
export async function rotateEncryptionKeys({ actor }: { actor: Actor }): Promise<RotateEncryptionKeysResult> {
  const db = getDb();
  const cipher = getTokenCipher();
  const result: RotateEncryptionKeysResult = { reEncrypted: 0, alreadyCurrent: 0, failed: [] };
  const sets = await db.merchantTokenSet.findMany({
    include: { merchant: { select: { environment: true } } },
    omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  });
  for (const set of sets) {
    if (set.keyId === cipher.currentKeyId) {
      result.alreadyCurrent += 1;
      continue;
    }
    try {
      const data: Record<string, string> = { keyId: cipher.currentKeyId };
      for (const [column, field] of COLUMNS) {
        const envelope = set[field];
        if (!envelope) continue;
        const aad = tokenAssociatedData(set.merchant.environment, set.merchantId, column);
        data[field] = cipher.encrypt(cipher.decrypt(envelope, aad), aad);
      }
      const updated = await db.merchantTokenSet.updateMany({ where: { id: set.id, version: set.version }, data });
      if (updated.count === 1) result.reEncrypted += 1;
      else result.failed.push({ merchantId: set.merchantId, reason: "changed during rotation; run again" });
    } catch (error) {
      result.failed.push({ merchantId: set.merchantId, reason: error instanceof Error ? error.message : "unknown" });
    }
  }
  await recordAuditEvent({
    actor,
    action: "keys.rotated",
    outcome: result.failed.length === 0 ? "success" : "failure",
    details: { keyId: cipher.currentKeyId, reEncrypted: result.reEncrypted, failed: result.failed.length },
  });
  return result;
}
