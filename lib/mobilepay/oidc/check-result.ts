/** Every check the console runs on a sign-in callback, named so support staff can look each one up. */
export type CheckName =
  | "state"
  | "id_token_present"
  | "alg"
  | "kid"
  | "signature"
  | "iss"
  | "aud"
  | "azp"
  | "exp"
  | "iat"
  | "nonce"
  | "c_hash"
  | "at_hash"
  | "sub_match"
  | "iss_match"
  | "authorization_response_iss"
  // Checks of the console's own link transaction around the protocol.
  | "response_mode"
  | "cookies_present"
  | "authorization_error"
  | "transaction"
  | "token_endpoint"
  | "refresh_token_present"
  | "merchant_match";

/** One line of a callback record. `detail` holds only non-secret facts: issuer strings, times, lengths. */
export type CheckResult = { name: CheckName; passed: boolean; detail: string };

export function passedCheck(name: CheckName, detail: string): CheckResult {
  return { name, passed: true, detail };
}

export function failedCheck(name: CheckName, detail: string): CheckResult {
  return { name, passed: false, detail };
}

export function checkThat(name: CheckName, passed: boolean, detail: string): CheckResult {
  return { name, passed, detail };
}

export function firstFailure(results: readonly CheckResult[]): CheckResult | undefined {
  return results.find((result) => !result.passed);
}

export function failures(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((result) => !result.passed);
}

/** An empty list is not a success: it means nothing was checked. */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.length > 0 && results.every((result) => result.passed);
}

/** What a failed check means, written for support staff reading a callback record. */
export const STAFF_MESSAGES: Record<CheckName, string> = {
  state:
    "The state returned by MobilePay does not match the sign-in this browser started: the link may have been opened in another browser, expired, already used, or forged.",
  id_token_present:
    "MobilePay's response did not carry a usable id_token (missing, not a signed JWT, or without the required iss, sub, aud, exp and iat claims). The console refuses to redeem the code without it, because that would skip the checks that bind the code to this sign-in.",
  alg: "The id_token is signed with an algorithm the console does not accept. Only RS256 is allowed; unsigned ('none') and shared-secret (HS*) tokens are always refused.",
  kid: "The id_token names a signing key that is not in MobilePay's published key set, even after fetching the key set again. Either MobilePay rotated keys and the key set is not yet published, or the token was not issued by this environment.",
  signature:
    "The id_token's signature does not verify with MobilePay's published key: the token was altered or was not issued by this environment's MobilePay.",
  iss: "The id_token was issued by a different issuer than the one configured for this environment (for example a sandbox token arriving at a production link, or a mix-up with another provider).",
  aud: "The id_token was issued to a different client: its audience does not include this console's client_id for the environment.",
  azp: "The id_token names several audiences but its authorized party (azp) is missing or is not this console's client_id.",
  exp: "The id_token has expired. MobilePay id_tokens live 5 minutes: the sign-in took too long, the response was replayed, or this server's clock is wrong.",
  iat: "The id_token's issue time is too far in the future or too far in the past. Check this server's clock against MobilePay's (see the measured offset), or the response was replayed.",
  nonce:
    "The id_token's nonce does not match the one this console sent: the response may be replayed or mixed up with another sign-in.",
  c_hash:
    "The id_token's c_hash does not match the authorization code it arrived with (or is missing): the code may have been swapped in from another sign-in (code injection).",
  at_hash:
    "The id_token's at_hash does not match the access token returned with it: the token endpoint response is inconsistent and its tokens are not used.",
  sub_match:
    "The user (sub) in the token endpoint's id_token differs from the one that signed in through the browser: the code may belong to another user's sign-in, or a refreshed token no longer matches the linked user.",
  iss_match:
    "The issuer of the token endpoint's id_token differs from the issuer of the browser id_token: the two responses came from different providers or environments.",
  authorization_response_iss:
    "The 'iss' parameter of MobilePay's response is missing or names another issuer, so the response may come from a different provider or environment (mix-up attack).",
  response_mode:
    "MobilePay's response did not arrive as a form POST: the authorization request was altered (response_mode) or the callback URL was opened directly.",
  cookies_present:
    "The browser did not send the console's link cookies with MobilePay's response: it was not started in this browser, it expired, or the cookies were blocked (they must be SameSite=None; Secure, which needs HTTPS outside localhost).",
  authorization_error: "MobilePay answered with an error instead of a code.",
  transaction:
    "The response does not belong to an open link attempt: it was already used (a replayed or double-submitted response), it expired after 10 minutes, or it was started for another environment.",
  token_endpoint: "Redeeming the code at MobilePay's token endpoint failed, so nothing was stored.",
  refresh_token_present:
    "MobilePay returned no refresh token (offline_access was not granted), so the link could not be kept alive.",
  merchant_match:
    "MobilePay's tokens are for another merchant than the one invited or being relinked, so nothing was stored or overwritten.",
};
