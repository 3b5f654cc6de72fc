// This barrel includes the server-only token endpoint client; client components that only need STAFF_MESSAGES or
// the check types import "./check-result" directly.
export { leftHalfHash, digestForAlg, UnsupportedHashAlgorithmError } from "./token-hashes";
export { createPkcePair, pkceChallengeFor, randomUrlSafe, type PkcePair } from "./pkce";
export {
  MAX_CALLBACK_VALUE_BYTES,
  parseCallbackParams,
  type CallbackInput,
  type CallbackParams,
} from "./callback-params";
export { checkAuthorizationResponse, type AuthorizationResponseExpectations } from "./authorization-response-checks";
export {
  allPassed,
  checkThat,
  failedCheck,
  failures,
  firstFailure,
  passedCheck,
  STAFF_MESSAGES,
  type CheckName,
  type CheckResult,
} from "./check-result";
export {
  createRemoteKeyResolver,
  createStaticKeyResolver,
  JwksError,
  JwksMalformedError,
  JwksUnreachableError,
  type KeyResolver,
  type RemoteKeyResolverOptions,
} from "./key-resolver";
export type { IdTokenClaims, IdTokenHeader } from "./id-token-claims";
export { ACCEPTED_ID_TOKEN_ALG } from "./jws-signature-checks";
export {
  checkFrontChannelIdToken,
  checkTokenEndpointIdToken,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_IAT_AGE_SECONDS,
  MAX_CLOCK_TOLERANCE_SECONDS,
  type FrontChannelIdTokenOptions,
  type IdTokenCheckOutcome,
  type TokenEndpointIdTokenOptions,
} from "./id-token-checks";
export {
  assessDiscovery,
  DiscoveryError,
  fetchDiscovery,
  type DiscoveryErrorKind,
  type DiscoveryFinding,
  type DiscoveryMetadata,
  type DiscoveryResult,
  type FetchDiscoveryOptions,
} from "./discovery";
export {
  exchangeCode,
  refreshTokens,
  revokeToken,
  TokenEndpointError,
  type ClientAuthenticationMethod,
  type ExchangeCodeOptions,
  type ExchangeMetadata,
  type RefreshTokensOptions,
  type RevokeTokenOptions,
  type TokenEndpointErrorKind,
  type TokenEndpointResult,
  type TokenResponse,
} from "./token-endpoint-client";
export { type FetchLike } from "./bounded-request";
