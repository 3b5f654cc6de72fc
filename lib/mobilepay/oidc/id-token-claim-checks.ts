import { failedCheck, passedCheck, type CheckResult } from "./check-result";
import { audiencesOf, numericClaim, stringClaim } from "./id-token-claims";
import { leftHalfHash, UnsupportedHashAlgorithmError } from "./token-hashes";

type Payload = Record<string, unknown>;

function isoFromSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} (not a valid time)` : date.toISOString();
}

function quoted(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

/** OIDC Core 3.1.3.7 rule 2: exact string match, no normalisation of trailing slashes or case. */
export function checkIssuer(payload: Payload, expectedIssuer: string): CheckResult {
  const iss = stringClaim(payload, "iss");
  if (iss === undefined) return failedCheck("iss", `iss claim missing; expected "${expectedIssuer}"`);
  if (iss !== expectedIssuer) return failedCheck("iss", `iss is "${iss}"; expected "${expectedIssuer}"`);
  return passedCheck("iss", `iss is "${iss}" as configured`);
}

export function checkAudience(payload: Payload, clientId: string): CheckResult {
  const audiences = audiencesOf(payload);
  if (audiences.length === 0) return failedCheck("aud", `aud claim missing; expected it to contain "${clientId}"`);
  if (!audiences.includes(clientId)) {
    return failedCheck("aud", `aud is ${quoted(audiences)}; expected it to contain "${clientId}"`);
  }
  return passedCheck("aud", `aud ${quoted(audiences)} contains the client_id`);
}

/** With several audiences, azp is what says the token was meant for us (openid-client v5 requires it). */
export function checkAuthorizedParty(payload: Payload, clientId: string): CheckResult {
  const audiences = audiencesOf(payload);
  const azp = stringClaim(payload, "azp");
  if (azp !== undefined && azp !== clientId) return failedCheck("azp", `azp is "${azp}"; expected "${clientId}"`);
  if (azp !== undefined) return passedCheck("azp", "azp equals the client_id");
  if (audiences.length > 1) {
    return failedCheck("azp", `azp missing although aud has ${audiences.length} entries; expected "${clientId}"`);
  }
  return passedCheck("azp", "not required: single audience and no azp");
}

export function checkExpiry(payload: Payload, nowSeconds: number, toleranceSeconds: number): CheckResult {
  const exp = numericClaim(payload, "exp");
  if (exp === undefined) return failedCheck("exp", "exp claim missing or not a number");
  const timing = `exp ${isoFromSeconds(exp)}, now ${isoFromSeconds(nowSeconds)}, tolerance ${toleranceSeconds} s`;
  if (nowSeconds >= exp + toleranceSeconds) {
    return failedCheck("exp", `expired ${Math.round(nowSeconds - exp)} s ago (${timing})`);
  }
  return passedCheck("exp", `not expired (${timing})`);
}

export type IssuedAtVerdict = { result: CheckResult; clockOffsetSeconds?: number };

/**
 * iat may be at most `toleranceSeconds` ahead of our clock and at most `maxAgeSeconds` old. nbf (MobilePay sends
 * it) is held to the same future limit. The measured offset (iat minus now) tells staff how far the clocks drift.
 */
export function checkIssuedAt(
  payload: Payload,
  nowSeconds: number,
  toleranceSeconds: number,
  maxAgeSeconds: number,
): IssuedAtVerdict {
  const iat = numericClaim(payload, "iat");
  if (iat === undefined) return { result: failedCheck("iat", "iat claim missing or not a number") };
  const clockOffsetSeconds = Math.round(iat - nowSeconds);
  const timing = `iat ${isoFromSeconds(iat)}, now ${isoFromSeconds(nowSeconds)}, measured offset ${clockOffsetSeconds} s, tolerance ${toleranceSeconds} s`;
  if (iat > nowSeconds + toleranceSeconds) {
    return { clockOffsetSeconds, result: failedCheck("iat", `issued in the future (${timing})`) };
  }
  if (nowSeconds - iat > maxAgeSeconds + toleranceSeconds) {
    return {
      clockOffsetSeconds,
      result: failedCheck(
        "iat",
        `issued ${Math.round(nowSeconds - iat)} s ago, over the ${maxAgeSeconds} s limit (${timing})`,
      ),
    };
  }
  const nbf = numericClaim(payload, "nbf");
  if (nbf !== undefined && nbf > nowSeconds + toleranceSeconds) {
    return {
      clockOffsetSeconds,
      result: failedCheck("iat", `not valid before ${isoFromSeconds(nbf)} (${timing})`),
    };
  }
  return { clockOffsetSeconds, result: passedCheck("iat", `issue time acceptable (${timing})`) };
}

/**
 * Nonce values stay out of the record (they bind the browser to the sign-in); lengths are enough to tell a
 * missing or truncated nonce from a foreign one.
 */
export function checkNonce(payload: Payload, expectedNonce: string | undefined): CheckResult {
  const nonce = stringClaim(payload, "nonce");
  if (expectedNonce === undefined) {
    return passedCheck("nonce", nonce === undefined ? "no nonce expected and none present" : "present, not compared");
  }
  if (nonce === undefined) return failedCheck("nonce", "nonce claim missing; the console sent one");
  if (nonce !== expectedNonce) {
    return failedCheck(
      "nonce",
      `nonce mismatch (${nonce.length} characters received, ${expectedNonce.length} expected)`,
    );
  }
  return passedCheck("nonce", "nonce matches the one sent");
}

function hashOrReason(value: string, alg: string): { hash: string } | { reason: string } {
  try {
    return { hash: leftHalfHash(value, alg) };
  } catch (error) {
    if (error instanceof UnsupportedHashAlgorithmError) return { reason: `no hash is defined for alg ${alg}` };
    throw error;
  }
}

/** OIDC Core 3.3.2.11: with response_type "code id_token" the front-channel id_token MUST carry c_hash. */
export function checkCodeHash(payload: Payload, code: string, alg: string): CheckResult {
  const cHash = stringClaim(payload, "c_hash");
  if (cHash === undefined) return failedCheck("c_hash", "missing required property c_hash");
  const computed = hashOrReason(code, alg);
  if ("reason" in computed) return failedCheck("c_hash", `cannot be checked: ${computed.reason}`);
  if (computed.hash !== cHash) {
    return failedCheck("c_hash", `c_hash mismatch with the code received (code length ${code.length})`);
  }
  return passedCheck("c_hash", "c_hash matches the code received");
}

/**
 * OIDC Core 3.3.3.6 lets the token endpoint omit at_hash; when present it must match. `required` is for callers
 * whose OP always sends it, so a missing at_hash becomes a signal.
 */
export function checkAccessTokenHash(
  payload: Payload,
  accessToken: string,
  alg: string,
  required: boolean,
): CheckResult {
  const atHash = stringClaim(payload, "at_hash");
  if (atHash === undefined) {
    return required
      ? failedCheck("at_hash", "missing at_hash, which this configuration requires")
      : passedCheck("at_hash", "absent, which the token endpoint may do");
  }
  const computed = hashOrReason(accessToken, alg);
  if ("reason" in computed) return failedCheck("at_hash", `cannot be checked: ${computed.reason}`);
  if (computed.hash !== atHash) {
    return failedCheck("at_hash", `at_hash mismatch with the access token (length ${accessToken.length})`);
  }
  return passedCheck("at_hash", "at_hash matches the access token");
}

/** OIDC Core 3.3.3.6 and 12.2: both channels, and every refresh, must name the same user. */
export function checkSubjectMatch(payload: Payload, expectedSubject: string): CheckResult {
  const sub = stringClaim(payload, "sub");
  if (sub === undefined) return failedCheck("sub_match", `sub claim missing; expected "${expectedSubject}"`);
  if (sub !== expectedSubject) {
    return failedCheck("sub_match", `sub mismatch: "${sub}" here, "${expectedSubject}" in the original id_token`);
  }
  return passedCheck("sub_match", `sub "${sub}" matches the original id_token`);
}

export function checkIssuerMatch(payload: Payload, originalIssuer: string): CheckResult {
  const iss = stringClaim(payload, "iss");
  if (iss === undefined)
    return failedCheck("iss_match", `iss claim missing; the original id_token had "${originalIssuer}"`);
  if (iss !== originalIssuer) {
    return failedCheck("iss_match", `iss "${iss}" differs from "${originalIssuer}" in the original id_token`);
  }
  return passedCheck("iss_match", "iss matches the original id_token");
}
