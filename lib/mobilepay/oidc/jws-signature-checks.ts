import { compactVerify, errors as joseErrors, type CryptoKey, type KeyObject } from "jose";

import { checkThat, failedCheck, passedCheck, type CheckResult } from "./check-result";
import type { IdTokenHeader } from "./id-token-claims";
import { JwksError, type KeyResolver } from "./key-resolver";

/** MobilePay's discovery lists RS256 only, and next-auth's default id_token_signed_response_alg is the same. */
export const ACCEPTED_ID_TOKEN_ALG = "RS256";

function describeAlgVerdict(alg: string): CheckResult {
  if (alg === ACCEPTED_ID_TOKEN_ALG) return passedCheck("alg", `alg is ${alg}`);
  if (alg.toLowerCase() === "none") {
    return failedCheck(
      "alg",
      `alg "none" refused: an unsigned token proves nothing; expected ${ACCEPTED_ID_TOKEN_ALG}`,
    );
  }
  if (/^HS\d+$/i.test(alg)) {
    return failedCheck(
      "alg",
      `symmetric alg ${alg} refused: it would be verified with the client secret instead of MobilePay's public key; expected ${ACCEPTED_ID_TOKEN_ALG}`,
    );
  }
  return failedCheck("alg", `alg ${alg} is not accepted; expected ${ACCEPTED_ID_TOKEN_ALG}`);
}

type KeyLookup = { key: CryptoKey | KeyObject | null; result: CheckResult };

/**
 * The key is looked up for the accepted alg even when the header names another one, so the record still shows
 * whether the kid is known: a refused HS256 token carrying a genuine RSA kid points at an alg-confusion attempt.
 */
async function lookUpKey(header: IdTokenHeader, keys: KeyResolver): Promise<KeyLookup> {
  const kidText = header.kid === undefined ? "no kid" : `kid "${header.kid}"`;
  try {
    const key = await keys.resolve(header.kid, ACCEPTED_ID_TOKEN_ALG);
    if (key !== null) return { key, result: passedCheck("kid", `${kidText} found in the issuer's key set`) };
    const why =
      header.kid === undefined
        ? "the token has no kid and the key set does not hold exactly one RSA signing key"
        : `${kidText} is not among the issuer's RSA signing keys, also after refetching the key set where allowed`;
    return { key: null, result: failedCheck("kid", why) };
  } catch (error) {
    const why = error instanceof JwksError ? error.message : "the key lookup failed unexpectedly";
    return { key: null, result: failedCheck("kid", `${kidText}: key set unavailable (${why})`) };
  }
}

async function verifySignature(idToken: string, key: CryptoKey | KeyObject): Promise<CheckResult> {
  try {
    await compactVerify(idToken, key, { algorithms: [ACCEPTED_ID_TOKEN_ALG] });
    return passedCheck("signature", `${ACCEPTED_ID_TOKEN_ALG} signature verified with the issuer's key`);
  } catch (error) {
    const code = error instanceof joseErrors.JOSEError ? error.code : "unexpected error";
    return failedCheck("signature", `signature did not verify (${code})`);
  }
}

/** Runs alg, kid and signature, always reporting all three. */
export async function checkJwsSignature(
  idToken: string,
  header: IdTokenHeader,
  keys: KeyResolver,
): Promise<CheckResult[]> {
  const alg = describeAlgVerdict(header.alg);
  const lookup = await lookUpKey(header, keys);
  let signature: CheckResult;
  if (!alg.passed) {
    signature = failedCheck("signature", `not verified: alg ${header.alg} is refused`);
  } else if (lookup.key === null) {
    signature = failedCheck("signature", "not verified: no issuer key to verify with");
  } else {
    signature = await verifySignature(idToken, lookup.key);
  }
  return [alg, lookup.result, signature];
}

/** Keeps the three results in a fixed order when the token could not even be decoded. */
export function undecodableSignatureChecks(reason: string): CheckResult[] {
  return [
    checkThat("alg", false, `not checked: ${reason}`),
    checkThat("kid", false, `not checked: ${reason}`),
    checkThat("signature", false, `not checked: ${reason}`),
  ];
}
