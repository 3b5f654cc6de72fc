export const BAD_ID_TOKEN_KINDS = [
  "wrong-signature",
  "alg-none",
  "wrong-iss",
  "wrong-aud",
  "expired",
  "future-iat",
  "wrong-nonce",
  "bad-c-hash",
  "unknown-kid",
] as const;

export type BadIdTokenKind = (typeof BAD_ID_TOKEN_KINDS)[number];
