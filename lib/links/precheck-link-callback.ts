import "server-only";

import { decode } from "next-auth/jwt";

import { OAUTH_CHECK_COOKIE_NAMES } from "@/lib/auth/oauth-check-cookies";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { LinkCallbackContext } from "@/lib/links/link-callback-context";
import { consumeLinkTransaction, readLinkTransaction } from "@/lib/links/link-transaction-record";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { parseCallbackParams } from "@/lib/mobilepay/oidc/callback-params";
import { checkThat, firstFailure, STAFF_MESSAGES, type CheckResult } from "@/lib/mobilepay/oidc/check-result";
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
      invitationId?: string;
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

function refused(
  checks: CheckResult[],
  extra: { reason?: string; invitationId?: string; clockOffsetSeconds?: number } = {},
): PrecheckOutcome {
  const failed = firstFailure(checks);
  return {
    kind: "refused",
    reason:
      extra.reason ?? (failed ? `${STAFF_MESSAGES[failed.name]} (${failed.detail})` : "The response was refused."),
    failedCheck: failed?.name,
    invitationId: extra.invitationId,
    checks,
    clockOffsetSeconds: extra.clockOffsetSeconds,
  };
}

/**
 * Everything the console checks on MobilePay's authorization response before
 * the code is redeemed: the response shape (a code without an id_token is a
 * downgrade), the link transaction (consumed exactly once, so a replayed or
 * double-submitted callback never redeems a code twice), state, and the
 * front-channel id_token (signature, iss, aud, exp, iat, nonce, c_hash).
 */
export async function precheckLinkCallback({
  environment,
  method,
  form,
  cookies,
}: PrecheckInput): Promise<PrecheckOutcome> {
  const checks: CheckResult[] = [];
  checks.push(
    checkThat("response_mode", method === "POST", method === "POST" ? "form_post" : `${method} (expected form_post)`),
  );
  if (method !== "POST") return refused(checks);

  checks.push(
    checkThat(
      "cookies_present",
      Boolean(cookies.transaction && cookies.state && cookies.nonce),
      `link ${cookies.transaction ? "present" : "missing"}, state ${cookies.state ? "present" : "missing"}, nonce ${cookies.nonce ? "present" : "missing"}`,
    ),
  );

  const params = parseCallbackParams(form);
  const db = getDb();
  const transaction = cookies.transaction ? await readLinkTransaction(db, cookies.transaction) : null;
  const invitationId = transaction?.invitationId;

  if (params.kind === "error") {
    const cancelled = params.error === "access_denied";
    checks.push(checkThat("authorization_error", false, params.error));
    if (transaction) await consumeTransaction(transaction.id);
    return refused(checks, {
      invitationId,
      reason: cancelled
        ? "The merchant cancelled the consent at MobilePay (access_denied). Nothing was stored; the link can be used again."
        : `MobilePay answered with the error "${params.error}"${params.errorDescription ? `: ${params.errorDescription}` : ""}.`,
    });
  }
  if (params.kind === "downgrade") {
    checks.push(checkThat("id_token_present", false, "a code arrived without an id_token"));
    if (transaction) await consumeTransaction(transaction.id);
    return refused(checks, {
      invitationId,
      reason: "Refused a hybrid-flow downgrade: the response carried a code but no id_token, so it was not redeemed.",
    });
  }
  if (params.kind === "malformed") {
    checks.push(checkThat("id_token_present", false, params.reason));
    return refused(checks, { invitationId, reason: `The authorization response was malformed: ${params.reason}.` });
  }

  if (!transaction || transaction.environment !== environment.id) {
    checks.push(
      checkThat("transaction", false, transaction ? "started for another environment" : "no open link transaction"),
    );
    return refused(checks, {
      invitationId,
      reason:
        "The response arrived without its link cookie (or for another environment): it was not started from this browser, or the browser dropped the cross-site cookie.",
    });
  }
  const consumed = await consumeTransaction(transaction.id);
  checks.push(
    checkThat(
      "transaction",
      consumed,
      consumed ? "consumed once" : "already used or expired: a replayed or double-submitted response",
    ),
  );
  if (!consumed) return refused(checks, { invitationId });

  const expectedState = await readCheckCookie(cookies.state, OAUTH_CHECK_COOKIE_NAMES.state);
  checks.push(
    checkThat(
      "state",
      expectedState !== undefined && expectedState === params.state,
      expectedState ? "compared with the state cookie" : "state cookie missing or unreadable",
    ),
  );
  if (params.iss !== undefined) {
    checks.push(
      checkThat(
        "authorization_response_iss",
        params.iss === environment.expectedIssuer,
        `iss parameter ${params.iss}, expected ${environment.expectedIssuer}`,
      ),
    );
  }
  const nonce = await readCheckCookie(cookies.nonce, OAUTH_CHECK_COOKIE_NAMES.nonce);
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
      invitationId: transaction.invitationId,
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
