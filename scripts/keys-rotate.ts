/**
 * `npm run keys:rotate`: re-encrypts stored token sets with the first key of
 * TOKEN_ENCRYPTION_KEYS. Put the new key first, keep the old ones after it
 * until this reports nothing left, then remove them.
 */
import { rotateEncryptionKeys } from "@/lib/tokens/rotate-encryption-keys";

const result = await rotateEncryptionKeys({ actor: { type: "system", label: "keys:rotate" } });
console.log(`Re-encrypted ${result.reEncrypted} token set(s); ${result.alreadyCurrent} already used the current key.`);
for (const failure of result.failed) {
  console.error(`  merchant ${failure.merchantId}: ${failure.reason}`);
}
process.exit(result.failed.length === 0 ? 0 : 1);
