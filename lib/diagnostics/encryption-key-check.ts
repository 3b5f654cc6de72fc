import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

/** Token sets still encrypted with an older key keep that key in the keyring, so rotation is not finished. */
export function checkEncryptionKeys(input: {
  keyInUse: string;
  tokenSetsPerKey: readonly { keyId: string; count: number }[];
}): DiagnosticCheck {
  const older = input.tokenSetsPerKey.filter((row) => row.keyId !== input.keyInUse && row.count > 0);
  const current = input.tokenSetsPerKey.find((row) => row.keyId === input.keyInUse)?.count ?? 0;
  if (older.length === 0) {
    return diagnosticCheck(
      "encryption_keys",
      "Encryption keys",
      "pass",
      `Key ${input.keyInUse} encrypts all ${current} stored token set(s).`,
    );
  }
  const total = older.reduce((sum, row) => sum + row.count, 0);
  return diagnosticCheck(
    "encryption_keys",
    "Encryption keys",
    "warn",
    `Key ${input.keyInUse} is in use, but ${total} token set(s) still use older keys (${older.map((row) => `${row.keyId}: ${row.count}`).join(", ")}).`,
    "Run npm run keys:rotate, then remove the old key from TOKEN_ENCRYPTION_KEYS once no token set uses it.",
  );
}
