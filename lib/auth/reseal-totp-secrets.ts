import "server-only";

import { openTotpSecret, sealTotpSecret, type TotpSecretColumn } from "@/lib/auth/second-factor-secret";
import { getKeyringCipher } from "@/lib/crypto/keyring-cipher";
import { keyIdOf } from "@/lib/crypto/token-cipher";
import { getDb } from "@/lib/db/client";

export type ResealResult = { resealed: number; alreadyCurrent: number; failed: { id: string; reason: string }[] };

const COLUMNS: TotpSecretColumn[] = ["totpSecret", "totpPendingSecret"];

/**
 * Re-encrypts staff members' TOTP secrets with the keyring's current key, so an old key can be removed without
 * locking anyone out of sign-in. Each secret is rewritten only if it is still the one read (an enrolment that
 * lands meanwhile is never overwritten); one that cannot be decrypted is reported and left as it is.
 */
export async function resealTotpSecrets(): Promise<ResealResult> {
  const db = getDb();
  const currentKeyId = getKeyringCipher().currentKeyId;
  const result: ResealResult = { resealed: 0, alreadyCurrent: 0, failed: [] };
  const staff = await db.staffUser.findMany({
    where: { OR: [{ totpSecret: { not: null } }, { totpPendingSecret: { not: null } }] },
    select: { id: true, totpSecret: true, totpPendingSecret: true },
  });
  for (const member of staff) {
    for (const column of COLUMNS) {
      const envelope = member[column];
      if (!envelope) continue;
      try {
        if (keyIdOf(envelope) === currentKeyId) {
          result.alreadyCurrent += 1;
          continue;
        }
        const resealed = sealTotpSecret(member.id, column, openTotpSecret(member.id, column, envelope));
        const { count } = await db.staffUser.updateMany({
          where: { id: member.id, [column]: envelope },
          data: { [column]: resealed },
        });
        if (count === 1) result.resealed += 1;
        else result.failed.push({ id: member.id, reason: `${column} changed during rotation; run again` });
      } catch (error) {
        result.failed.push({ id: member.id, reason: error instanceof Error ? error.message : "unknown" });
      }
    }
  }
  return result;
}
