/**
 * `npm run keys:rotate`: re-encrypts stored token sets and webhook signing secrets with the first key of
 * TOKEN_ENCRYPTION_KEYS. Put the new key first, keep the old ones after it
 * until this reports nothing left, then remove them.
 */
import { rotateEncryptionKeys } from "@/lib/tokens/rotate-encryption-keys";
import { resealSigningSecrets } from "@/lib/webhooks/reseal-signing-secrets";

const result = await rotateEncryptionKeys({ actor: { type: "system", label: "keys:rotate" } });
console.log(`Re-encrypted ${result.reEncrypted} token set(s); ${result.alreadyCurrent} already used the current key.`);
for (const failure of result.failed) {
  console.error(`  merchant ${failure.merchantId}: ${failure.reason}`);
}
const secrets = await resealSigningSecrets();
console.log(
  `Re-encrypted the signing secrets of ${secrets.resealed} webhook endpoint(s); ${secrets.alreadyCurrent} already used the current key.`,
);
for (const failure of secrets.failed) {
  console.error(`  webhook endpoint ${failure.endpointId}: ${failure.reason}`);
}
process.exit(result.failed.length === 0 && secrets.failed.length === 0 ? 0 : 1);
