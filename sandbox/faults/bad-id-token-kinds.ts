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

/**
 * The ways the token endpoint's id_token can be broken: c_hash has no meaning there, at_hash (which binds it to the
 * access token beside it) does.
 */
export const BAD_TOKEN_ENDPOINT_ID_TOKEN_KINDS = [
  ...BAD_ID_TOKEN_KINDS.filter((kind) => kind !== "bad-c-hash"),
  "bad-at-hash",
] as const;

export type BadTokenEndpointIdTokenKind = Exclude<BadIdTokenKind, "bad-c-hash"> | "bad-at-hash";
