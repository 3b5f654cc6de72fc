import "server-only";

import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest, NextResponse } from "next/server";

import { getAuthOptions } from "@/lib/next-auth/auth-options";
import { OAUTH_CHECK_COOKIE_NAMES } from "@/lib/links/oauth-check-cookies";
import { PASSKEY_SIGN_IN_THROTTLED_MESSAGE, reservePasskeySignInRequest } from "@/lib/auth/passkey-sign-in-limit";
import { PASSKEY_PROVIDER_ID } from "@/lib/auth/passkey-schemas";
import { isSameOriginRedirect } from "@/lib/auth/same-origin-redirect";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { senderAddress } from "@/lib/http/sender-address";
import { tooManyRequests } from "@/lib/http/too-many-requests";
import { LINK_DONE_PATH } from "@/lib/links/complete-link";
import { failLink } from "@/lib/links/fail-link";
import { linkCallbackContext } from "@/lib/links/link-callback-context";
import { LINK_TRANSACTION_COOKIE, LINK_TRANSACTION_COOKIE_OPTIONS } from "@/lib/links/link-cookie";
import { LINK_UNREACHABLE_PATH, linkStartErrors, recordLinkStartFailure } from "@/lib/links/link-start-failure";
import { precheckLinkCallback } from "@/lib/links/precheck-link-callback";
import { logger } from "@/lib/logger";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { getEnvironments } from "@/lib/mobilepay/environments";
import { checkThat } from "@/lib/mobilepay/oidc/check-result";

export type AuthRouteContext = { params: Promise<{ nextauth: string[] }> };

function runNextAuth(request: NextRequest, context: AuthRouteContext): Promise<Response> {
  const handler = NextAuth(getAuthOptions()) as (request: NextRequest, context: AuthRouteContext) => Promise<Response>;
  return handler(request, context);
}

/**
 * Sends the browser to the outcome page. The link cookie ends with the attempt; a response that did not belong to
 * the attempt (a forged or stray POST) leaves it, so MobilePay's own response can still complete the link.
 */
function linkDone(
  request: NextRequest,
  outcome: "linked" | "failed",
  { attemptEnded, invitationId }: { attemptEnded: boolean; invitationId?: string } = { attemptEnded: true },
): NextResponse {
  const done = new URL(`${LINK_DONE_PATH}?outcome=${outcome}`, request.nextUrl.origin);
  // The outcome page sends the merchant on to an API consent link's return URL, if it has one.
  if (attemptEnded && invitationId) done.searchParams.set("consent_link", invitationId);
  const response = NextResponse.redirect(done, 303);
  if (attemptEnded) {
    response.cookies.set(LINK_TRANSACTION_COOKIE, "", { ...LINK_TRANSACTION_COOKIE_OPTIONS, maxAge: 0 });
  }
  return response;
}

/**
 * Starting a MobilePay link: only POSTs from the console's consent page, bound
 * to an open link transaction. The authorization parameters that matter are
 * set here from the server-side record, so a query string cannot change
 * response_type, response_mode, scope, redirect_uri or merchant_vat.
 */
async function startSignIn(request: NextRequest, context: AuthRouteContext, environment: MobilePayEnvironment) {
  const transactionId = (await cookies()).get(LINK_TRANSACTION_COOKIE)?.value;
  const transaction = transactionId
    ? await getDb().linkTransaction.findFirst({
        where: { id: transactionId, consumedAt: null, expiresAt: { gt: new Date() }, environment: environment.id },
        include: { invitation: true },
      })
    : null;
  if (request.method !== "POST" || !transaction) {
    return NextResponse.json(
      { error: { code: "FORBIDDEN", message: "Start linking from the merchant's consent link." } },
      { status: 403 },
    );
  }
  const pinned = new URL(request.nextUrl.pathname, request.nextUrl.origin);
  pinned.searchParams.set(
    "scope",
    environment.scopesFor(transaction.invitation.products.split(" ") as ("invoice" | "subscriptions")[]),
  );
  pinned.searchParams.set("merchant_vat", transaction.invitation.vatNumber);
  const errors: string[] = [];
  const response = await linkStartErrors.run(errors, () => runNextAuth(new NextRequest(pinned, request), context));
  if (await leadsToMobilePay(response, request.nextUrl.origin)) return response;
  // next-auth could not build the authorization URL (discovery unreachable, or the environment misconfigured)
  // and would send the merchant to the staff sign-in page: the merchant gets the public page, staff the reason.
  await recordLinkStartFailure({
    environmentId: environment.id,
    invitationId: transaction.invitation.id,
    merchantName: transaction.invitation.merchantName,
    merchantId: transaction.invitation.merchantId,
    detail: errors.join("; ") || `next-auth answered HTTP ${response.status}`,
    at: new Date(),
  });
  return linkStartFailed(request);
}

/**
 * next-auth answers a started sign-in with the provider's authorization URL (as JSON for the consent page, or as a
 * redirect); a URL on the console itself is its error page.
 */
async function leadsToMobilePay(response: Response, consoleOrigin: string): Promise<boolean> {
  const location = response.headers.get("location");
  const body = response.ok
    ? ((await response
        .clone()
        .json()
        .catch(() => null)) as { url?: unknown } | null)
    : null;
  const target = typeof body?.url === "string" ? body.url : location;
  if (!target || !URL.canParse(target)) return false;
  return new URL(target).origin !== consoleOrigin;
}

/** The consent page asks with json=true and follows the URL it is given. */
function linkStartFailed(request: NextRequest): NextResponse {
  return NextResponse.json({ url: new URL(LINK_UNREACHABLE_PATH, request.nextUrl.origin).toString() });
}

/** MobilePay's form_post: our checks first, then next-auth redeems the code inside the link's context. */
async function handleCallback(request: NextRequest, context: AuthRouteContext, environment: MobilePayEnvironment) {
  const jar = await cookies();
  const form =
    request.method === "POST" ? new URLSearchParams(await request.clone().text()) : request.nextUrl.searchParams;
  const precheck = await precheckLinkCallback({
    environment,
    method: request.method,
    form,
    cookies: {
      transaction: jar.get(LINK_TRANSACTION_COOKIE)?.value,
      state: jar.get(OAUTH_CHECK_COOKIE_NAMES.state)?.value,
      nonce: jar.get(OAUTH_CHECK_COOKIE_NAMES.nonce)?.value,
    },
  });
  if (precheck.kind === "refused") {
    await failLink({
      environmentId: environment.id,
      invitationId: precheck.invitationId,
      reason: precheck.reason,
      failedCheck: precheck.failedCheck,
      checks: precheck.checks,
      clockOffsetSeconds: precheck.clockOffsetSeconds,
    });
    return linkDone(request, "failed", {
      attemptEnded: !precheck.transactionLeftOpen,
      invitationId: precheck.invitationId,
    });
  }
  const linkContext = precheck.context;
  const response = await linkCallbackContext.run(linkContext, () => runNextAuth(request, context));
  if (!linkContext.outcome) {
    // next-auth stopped before the signIn callback: the code exchange failed.
    const nextAuthError = linkContext.nextAuthErrors.join("; ") || "the code exchange failed";
    const failure = linkContext.tokenEndpointFailure ?? {
      check: "token_endpoint",
      detail: nextAuthError,
      reason: `Redeeming the code at MobilePay's token endpoint failed: ${nextAuthError}. Nothing was stored.`,
    };
    await failLink({
      environmentId: environment.id,
      invitationId: linkContext.invitationId,
      reason: failure.reason,
      failedCheck: failure.check,
      checks: [...linkContext.checks, checkThat(failure.check, false, failure.detail)],
      clockOffsetSeconds: linkContext.clockOffsetSeconds,
      tokenEndpointStatus: linkContext.tokenEndpointStatus,
      tokenEndpointError: failure.detail,
    });
    return linkDone(request, "failed", { attemptEnded: true, invitationId: linkContext.invitationId });
  }
  const done = linkDone(request, linkContext.outcome.kind === "linked" ? "linked" : "failed", {
    attemptEnded: true,
    invitationId: linkContext.invitationId,
  });
  // Keep next-auth's cookie deletions (state, nonce, PKCE), drop anything else it set.
  for (const cookie of response.headers.getSetCookie()) {
    if (Object.values(OAUTH_CHECK_COOKIE_NAMES).some((name) => cookie.startsWith(`${name}=`))) {
      done.headers.append("set-cookie", cookie);
    }
  }
  return done;
}

/**
 * next-auth answers a `callbackUrl` it cannot parse as a URL (a look-alike host such as
 * `localhost:3000.evil.example`), in the query or in its own callback-url cookie, with a 500 before any callback
 * runs. Both are browser input: one that leads elsewhere is dropped here (the cookie also from the browser), and
 * the redirect callback reduces what is left (and the form field) to a place on the console.
 */
async function withoutForeignCallbackUrl(request: NextRequest): Promise<NextRequest> {
  const base = getEnv().NEXTAUTH_URL;
  // next-auth reads cookies through next/headers, not from the request it is handed.
  const jar = await cookies();
  const cookieValue = jar.get(OAUTH_CHECK_COOKIE_NAMES.callbackUrl)?.value;
  if (cookieValue !== undefined && !isSameOriginRedirect(cookieValue, base)) {
    jar.delete(OAUTH_CHECK_COOKIE_NAMES.callbackUrl);
  }
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl === null || isSameOriginRedirect(callbackUrl, base)) return request;
  const cleaned = new URL(request.nextUrl);
  cleaned.searchParams.delete("callbackUrl");
  return new NextRequest(cleaned, request);
}

/**
 * A passkey's answer is limited per address before next-auth sees it: 429 with Retry-After, and the sign-in
 * page's URL for "too many attempts" where next-auth would put its own, for the page's script to show.
 */
async function passkeyAnswerLimit(request: NextRequest): Promise<Response | null> {
  const reserved = await reservePasskeySignInRequest("verify", senderAddress(request.headers));
  if (reserved.allowed) return null;
  const url = new URL("/sign-in?error=Throttled", getEnv().NEXTAUTH_URL).toString();
  return tooManyRequests(reserved.retryAfterMs, PASSKEY_SIGN_IN_THROTTLED_MESSAGE, { url });
}

export async function handleAuthRequest(request: NextRequest, context: AuthRouteContext): Promise<Response> {
  const [action, providerId] = (await context.params).nextauth;
  if (action === "callback" && providerId === PASSKEY_PROVIDER_ID && request.method === "POST") {
    const refused = await passkeyAnswerLimit(request);
    if (refused) return refused;
  }
  const environment = getEnvironments().find((candidate) => candidate.providerId === providerId);
  if (!environment) return runNextAuth(await withoutForeignCallbackUrl(request), context);
  try {
    if (action === "signin") return await startSignIn(request, context, environment);
    if (action === "callback") return await handleCallback(request, context, environment);
  } catch (error) {
    logger.error("MobilePay link request failed", { action, environment: environment.id, error });
    return action === "signin" ? linkStartFailed(request) : linkDone(request, "failed");
  }
  return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
}
