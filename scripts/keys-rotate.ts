/**
 * `npm run keys:rotate`: re-encrypts everything sealed with TOKEN_ENCRYPTION_KEYS (merchants' token sets,
 * staff TOTP secrets and webhook signing secrets) with its first key. Put the new key first, keep the old ones
 * after it until this reports nothing left, then remove them.
 */
import { resealTotpSecrets } from "@/lib/auth/reseal-totp-secrets";
import { rotateEncryptionKeys } from "@/lib/tokens/rotate-encryption-keys";
import { resealSigningSecrets } from "@/lib/webhooks/reseal-signing-secrets";

const tokens = await rotateEncryptionKeys({ actor: { type: "system", label: "keys:rotate" } });
console.log(`Re-encrypted ${tokens.reEncrypted} token set(s); ${tokens.alreadyCurrent} already used the current key.`);
for (const failure of tokens.failed) {
  console.error(`  merchant ${failure.merchantId}: ${failure.reason}`);
}
const totp = await resealTotpSecrets();
console.log(`Re-encrypted ${totp.resealed} TOTP secret(s); ${totp.alreadyCurrent} already used the current key.`);
for (const failure of totp.failed) {
  console.error(`  staff member ${failure.id}: ${failure.reason}`);
}
const secrets = await resealSigningSecrets();
console.log(
  `Re-encrypted the signing secrets of ${secrets.resealed} webhook endpoint(s); ${secrets.alreadyCurrent} already used the current key.`,
);
for (const failure of secrets.failed) {
  console.error(`  webhook endpoint ${failure.endpointId}: ${failure.reason}`);
}
process.exit(tokens.failed.length === 0 && totp.failed.length === 0 && secrets.failed.length === 0 ? 0 : 1);
