import "server-only";

import { decode } from "next-auth/jwt";

import { OAUTH_CHECK_COOKIE_NAMES } from "@/lib/links/oauth-check-cookies";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { LinkCallbackContext } from "@/lib/links/link-callback-context";
import {
  consumeLinkTransaction,
  readLinkTransaction,
  type LinkTransactionRecord,
} from "@/lib/links/link-transaction-record";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { checkAuthorizationResponse } from "@/lib/mobilepay/oidc/authorization-response-checks";
import { parseCallbackParams, type CallbackParams } from "@/lib/mobilepay/oidc/callback-params";
import {
  checkThat,
  failedCheck,
  firstFailure,
  STAFF_MESSAGES,
  type CheckResult,
} from "@/lib/mobilepay/oidc/check-result";
import { checkFrontChannelIdToken } from "@/lib/mobilepay/oidc/id-token-checks";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";

export type PrecheckInput = {
  environment: MobilePayEnvironment;
  method: string;
  form: URLSearchParams;
  cookies: { transaction?: string; state?: string; nonce?: string };
};

export type PrecheckOutcome =
  | { kind: "passed"; context: LinkCallbackContext }
  | {
      kind: "refused";
      reason: string;
      failedCheck?: string;
      /** Set only when the response matched this browser's link attempt: the refusal is that attempt's outcome. */
      invitationId?: string;
      /**
       * The response did not match the link attempt, so the attempt, its transaction and its cookie are left as
       * they were: MobilePay's genuine response can still complete it.
       */
      transactionLeftOpen: boolean;
      checks: CheckResult[];
      clockOffsetSeconds?: number;
    };

async function readCheckCookie(value: string | undefined, name: string): Promise<string | undefined> {
  if (!value) return undefined;
  try {
    const decoded = await decode({ token: value, secret: getEnv().NEXTAUTH_SECRET, salt: name });
    return typeof decoded?.value === "string" ? decoded.value : undefined;
  } catch {
    return undefined;
  }
}

type RefusalDetails = { reason?: string; invitationId?: string; clockOffsetSeconds?: number };

function refused(checks: CheckResult[], extra: RefusalDetails & { transactionLeftOpen?: boolean }): PrecheckOutcome {
  const failed = firstFailure(checks);
  return {
    kind: "refused",
    reason:
      extra.reason ?? (failed ? `${STAFF_MESSAGES[failed.name]} (${failed.detail})` : "The response was refused."),
    failedCheck: failed?.name,
    invitationId: extra.invitationId,
    transactionLeftOpen: extra.transactionLeftOpen ?? false,
    checks,
    clockOffsetSeconds: extra.clockOffsetSeconds,
  };
}

type ResponseChecks = { state: CheckResult; rest: CheckResult[] };

/**
 * checkAuthorizationResponse's results, split into the state comparison (in constant time, against this
 * browser's state cookie), which decides whether the response belongs to the link attempt at all, and the rest.
 */
function checkResponse(
  params: Exclude<CallbackParams, { kind: "malformed" }>,
  expectedState: string | undefined,
  environment: MobilePayEnvironment,
): ResponseChecks {
  if (expectedState === undefined) {
    return {
      state: failedCheck(
        "state",
        "state cookie missing or unreadable, so the response cannot be tied to a link attempt",
      ),
      rest: [],
    };
  }
  // RFC 9207's iss parameter is checked where present; the id_token's own iss covers mix-up when it is not.
  const results = checkAuthorizationResponse(params, {
    state: expectedState,
    issuer: environment.expectedIssuer,
    requireIssParameter: false,
  });
  const state = results.find((result) => result.name === "state") ?? failedCheck("state", "not compared");
  return { state, rest: results.filter((result) => result !== state) };
}

/**
 * Everything the console checks on MobilePay's authorization response before the code is redeemed.
 *
 * First whether the response belongs to this browser's link attempt (link cookie and state): anyone can make a
 * browser POST to the callback, so a response that does not is refused and changes nothing, and MobilePay's
 * genuine response can still complete the attempt. A response that does belong ends the attempt: its transaction
 * is consumed exactly once (a replayed or double-submitted callback never redeems a code twice) and any refusal is
 * recorded on its consent link. Then the response mode, the response shape (a code without an id_token is a
 * downgrade), the iss parameter and the front-channel id_token (signature, iss, aud, exp, iat, nonce, c_hash).
 */
export async function precheckLinkCallback({
  environment,
  method,
  form,
  cookies,
}: PrecheckInput): Promise<PrecheckOutcome> {
  const formPost = method === "POST";
  const checks: CheckResult[] = [
    checkThat("response_mode", formPost, formPost ? "form_post" : `${method} (expected form_post)`),
    checkThat(
      "cookies_present",
      Boolean(cookies.transaction && cookies.state && cookies.nonce),
      `link ${cookies.transaction ? "present" : "missing"}, state ${cookies.state ? "present" : "missing"}, nonce ${cookies.nonce ? "present" : "missing"}`,
    ),
  ];
  const params = parseCallbackParams(form);
  if (params.kind === "malformed") {
    checks.push(failedCheck("state", `not compared: the response is malformed (${params.reason})`));
    return refused(checks, {
      transactionLeftOpen: true,
      reason: `The authorization response was malformed (${params.reason}), so it cannot be tied to a link attempt. It was ignored: any link attempt in this browser was left open.`,
    });
  }

  const transaction = cookies.transaction ? await readLinkTransaction(getDb(), cookies.transaction) : null;
  const expectedState = await readCheckCookie(cookies.state, OAUTH_CHECK_COOKIE_NAMES.state);
  const response = checkResponse(params, expectedState, environment);
  checks.push(response.state);
  if (!transaction) {
    return refused(checks, {
      transactionLeftOpen: true,
      reason: cookies.transaction
        ? "The response's link cookie names no link attempt this console knows, so the response was ignored."
        : "The response arrived without its link cookie: it was not started from this browser, or the browser dropped the cross-site cookie.",
    });
  }
  if (!response.state.passed) {
    return refused(checks, {
      transactionLeftOpen: true,
      reason: `${STAFF_MESSAGES.state} It was ignored: the link attempt in this browser was left open for MobilePay's own response.`,
    });
  }

  // From here on the response is the answer to this attempt, and whatever is wrong with it ends the attempt.
  const { invitationId } = transaction;
  const consumed = await consumeTransaction(transaction.id);
  if (!formPost) {
    return refused(checks, {
      invitationId,
      reason: `${STAFF_MESSAGES.response_mode} Nothing in it was used (a code that travelled in a URL is never redeemed); nothing was stored and the link can be used again.`,
    });
  }
  if (transaction.environment !== environment.id) {
    checks.push(checkThat("transaction", false, `started for another environment (${transaction.environment})`));
    return refused(checks, {
      invitationId,
      reason: `The response arrived at another environment's callback than the one this link was started for (${transaction.environment}): a possible mix-up. Nothing was stored.`,
    });
  }
  checks.push(
    checkThat(
      "transaction",
      consumed,
      consumed ? "consumed once" : "already used or expired: a replayed or double-submitted response",
    ),
  );
  if (!consumed) return refused(checks, { invitationId });
  checks.push(...response.rest);
  return precheckAnswer({ environment, params, checks, transaction, nonceCookie: cookies.nonce });
}

/** The answer to this browser's link attempt: an error, a downgrade, or a code with its front-channel id_token. */
async function precheckAnswer({
  environment,
  params,
  checks,
  transaction,
  nonceCookie,
}: {
  environment: MobilePayEnvironment;
  params: Exclude<CallbackParams, { kind: "malformed" }>;
  checks: CheckResult[];
  transaction: LinkTransactionRecord;
  nonceCookie: string | undefined;
}): Promise<PrecheckOutcome> {
  const { invitationId } = transaction;
  if (params.kind === "error") {
    checks.push(checkThat("authorization_error", false, params.error));
    return refused(checks, {
      invitationId,
      reason:
        params.error === "access_denied"
          ? "The merchant cancelled the consent at MobilePay (access_denied). Nothing was stored; the link can be used again."
          : `MobilePay answered with the error "${params.error}"${params.errorDescription ? `: ${params.errorDescription}` : ""}.`,
    });
  }
  if (params.kind === "downgrade") {
    return refused(checks, {
      invitationId,
      reason: "Refused a hybrid-flow downgrade: the response carried a code but no id_token, so it was not redeemed.",
    });
  }
  const nonce = await readCheckCookie(nonceCookie, OAUTH_CHECK_COOKIE_NAMES.nonce);
  if (!nonce || firstFailure(checks)) return refused(checks, { invitationId });

  let outcome;
  try {
    const { keys } = await getProviderMetadata(environment);
    outcome = await checkFrontChannelIdToken({
      idToken: params.idToken,
      code: params.code,
      expected: { issuer: environment.expectedIssuer, clientId: environment.clientId, nonce },
      keys,
      clockToleranceSeconds: environment.clockToleranceSeconds,
    });
  } catch (error) {
    checks.push(checkThat("signature", false, error instanceof Error ? error.message : "keys unavailable"));
    return refused(checks, {
      invitationId,
      reason: `The OpenID Provider's discovery or signing keys could not be fetched, so the id_token could not be verified: ${error instanceof Error ? error.message : "unknown error"}.`,
    });
  }
  checks.push(...outcome.results);
  if (firstFailure(checks) || !outcome.claims) {
    return refused(checks, { invitationId, clockOffsetSeconds: outcome.clockOffsetSeconds });
  }
  return {
    kind: "passed",
    context: {
      environment,
      transactionId: transaction.id,
      invitationId,
      frontChannel: { subject: outcome.claims.sub, issuer: outcome.claims.iss, nonce },
      checks,
      clockOffsetSeconds: outcome.clockOffsetSeconds,
      nextAuthErrors: [],
    },
  };
}

function consumeTransaction(id: string): Promise<boolean> {
  return consumeLinkTransaction(getDb(), id, new Date());
}
