import { checkThat, failedCheck, passedCheck, type CheckName, type CheckResult } from "./check-result";
import {
  checkAccessTokenHash,
  checkAudience,
  checkAuthorizedParty,
  checkCodeHash,
  checkExpiry,
  checkIssuedAt,
  checkIssuer,
  checkIssuerMatch,
  checkNonce,
  checkSubjectMatch,
} from "./id-token-claim-checks";
import { decodeIdTokenUnverified, type IdTokenClaims, type IdTokenHeader } from "./id-token-claims";
import { checkJwsSignature, undecodableSignatureChecks } from "./jws-signature-checks";
import type { KeyResolver } from "./key-resolver";

/** next-auth v4 uses 10 s; MobilePay tokens live 300 s, so more than that would accept any token ever issued. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 10;
export const MAX_CLOCK_TOLERANCE_SECONDS = 300;
/** Twice the id_token lifetime: older tokens can only be replays, whatever their exp says. */
export const DEFAULT_MAX_IAT_AGE_SECONDS = 600;

export type IdTokenCheckOutcome = {
  results: CheckResult[];
  /** Present whenever the required claims decode; trust them only if every result passed. */
  claims?: IdTokenClaims;
  header?: IdTokenHeader;
  /** iat minus our clock, in seconds: positive when the OP's clock runs ahead. */
  clockOffsetSeconds?: number;
};

type TimeOptions = { now?: Date; clockToleranceSeconds?: number; maxIatAgeSeconds?: number };

export type FrontChannelIdTokenOptions = TimeOptions & {
  idToken: string;
  code: string;
  expected: { issuer: string; clientId: string; nonce: string };
  keys: KeyResolver;
};

export type TokenEndpointIdTokenOptions = TimeOptions & {
  /** The token response may lack an id_token; that is reported as a failed check rather than thrown. */
  idToken: string | undefined;
  accessToken: string;
  expected: {
    issuer: string;
    clientId: string;
    /** Required after a code exchange (RFC 9700 §4.5.3.2); a refreshed id_token may omit it (OIDC Core 12.2). */
    nonce?: string;
    /** The sub of the front-channel (or originally linked) id_token. */
    subject: string;
    /** The iss of the front-channel id_token; defaults to `issuer`. */
    originalIssuer?: string;
  };
  keys: KeyResolver;
  /** OIDC Core lets the token endpoint omit at_hash; MobilePay sends it, so callers may insist on it. */
  requireAtHash?: boolean;
};

function resolveTimeOptions(options: TimeOptions): { nowSeconds: number; tolerance: number; maxIatAge: number } {
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(`clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  const maxIatAge = options.maxIatAgeSeconds ?? DEFAULT_MAX_IAT_AGE_SECONDS;
  if (!Number.isFinite(maxIatAge) || maxIatAge <= 0) throw new RangeError("maxIatAgeSeconds must be positive");
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return { nowSeconds, tolerance, maxIatAge };
}

function notChecked(names: readonly CheckName[], reason: string): CheckResult[] {
  return names.map((name) => checkThat(name, false, `not checked: ${reason}`));
}

type SharedChecks = { decoded: Exclude<ReturnType<typeof decodeIdTokenUnverified>, { reason: string }> } & {
  results: CheckResult[];
  clockOffsetSeconds?: number;
};

/**
 * The rules both channels share (OIDC Core 3.1.3.7): structure, alg, kid, signature, iss, aud, azp, exp, iat.
 * Each runs even after an earlier one fails, so the record shows everything that is wrong at once.
 */
async function runSharedChecks(
  idToken: string,
  expected: { issuer: string; clientId: string },
  keys: KeyResolver,
  time: { nowSeconds: number; tolerance: number; maxIatAge: number },
): Promise<SharedChecks | { reason: string }> {
  const decoded = decodeIdTokenUnverified(idToken);
  if ("reason" in decoded) return decoded;
  const structure =
    decoded.missingRequiredClaims.length > 0
      ? failedCheck(
          "id_token_present",
          `missing required JWT property ${decoded.missingRequiredClaims.join(", ")} (or wrong type)`,
        )
      : passedCheck("id_token_present", `JWT with the required claims (${idToken.length} characters)`);
  const signatureChecks = await checkJwsSignature(idToken, decoded.header, keys);
  const issuedAt = checkIssuedAt(decoded.payload, time.nowSeconds, time.tolerance, time.maxIatAge);
  return {
    decoded,
    results: [
      structure,
      ...signatureChecks,
      checkIssuer(decoded.payload, expected.issuer),
      checkAudience(decoded.payload, expected.clientId),
      checkAuthorizedParty(decoded.payload, expected.clientId),
      checkExpiry(decoded.payload, time.nowSeconds, time.tolerance),
      issuedAt.result,
    ],
    ...(issuedAt.clockOffsetSeconds === undefined ? {} : { clockOffsetSeconds: issuedAt.clockOffsetSeconds }),
  };
}

const SHARED_CHECK_NAMES: readonly CheckName[] = ["iss", "aud", "azp", "exp", "iat"];

function outcome(shared: SharedChecks, extra: CheckResult[]): IdTokenCheckOutcome {
  return {
    results: [...shared.results, ...extra],
    header: shared.decoded.header,
    ...(shared.decoded.claims === undefined ? {} : { claims: shared.decoded.claims }),
    ...(shared.clockOffsetSeconds === undefined ? {} : { clockOffsetSeconds: shared.clockOffsetSeconds }),
  };
}

/**
 * Validates the id_token that arrived with the code in the form_post (OIDC Core 3.3.2.12): signature is mandatory
 * because it travelled through the browser, nonce must match, and c_hash must bind it to this exact code.
 */
export async function checkFrontChannelIdToken(options: FrontChannelIdTokenOptions): Promise<IdTokenCheckOutcome> {
  const time = resolveTimeOptions(options);
  const shared = await runSharedChecks(options.idToken, options.expected, options.keys, time);
  if ("reason" in shared) {
    return {
      results: [
        failedCheck("id_token_present", shared.reason),
        ...undecodableSignatureChecks(shared.reason),
        ...notChecked([...SHARED_CHECK_NAMES, "nonce", "c_hash"], shared.reason),
      ],
    };
  }
  return outcome(shared, [
    checkNonce(shared.decoded.payload, options.expected.nonce),
    checkCodeHash(shared.decoded.payload, options.code, shared.decoded.header.alg),
  ]);
}

/**
 * Validates the id_token from a code exchange or refresh, and ties it to the original one: same iss and sub
 * (OIDC Core 3.3.3.6, 12.2), which neither next-auth v4 nor openid-client compares on its own.
 */
export async function checkTokenEndpointIdToken(options: TokenEndpointIdTokenOptions): Promise<IdTokenCheckOutcome> {
  const time = resolveTimeOptions(options);
  const { expected } = options;
  const laterNames: CheckName[] = ["nonce", "at_hash", "sub_match", "iss_match"];
  if (options.idToken === undefined) {
    const reason = "the token response has no id_token";
    return {
      results: [
        failedCheck("id_token_present", reason),
        ...undecodableSignatureChecks(reason),
        ...notChecked([...SHARED_CHECK_NAMES, ...laterNames], reason),
      ],
    };
  }
  const shared = await runSharedChecks(options.idToken, expected, options.keys, time);
  if ("reason" in shared) {
    return {
      results: [
        failedCheck("id_token_present", shared.reason),
        ...undecodableSignatureChecks(shared.reason),
        ...notChecked([...SHARED_CHECK_NAMES, ...laterNames], shared.reason),
      ],
    };
  }
  const payload = shared.decoded.payload;
  return outcome(shared, [
    checkNonce(payload, expected.nonce),
    checkAccessTokenHash(payload, options.accessToken, shared.decoded.header.alg, options.requireAtHash ?? false),
    checkSubjectMatch(payload, expected.subject),
    checkIssuerMatch(payload, expected.originalIssuer ?? expected.issuer),
  ]);
}
