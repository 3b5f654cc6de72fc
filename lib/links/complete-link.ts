import "server-only";

import type { Account } from "next-auth";

import { getDb } from "@/lib/db/client";
import { newRowId } from "@/lib/db/row-id";
import { failLink } from "@/lib/links/fail-link";
import type { LinkCallbackContext } from "@/lib/links/link-callback-context";
import { readLinkInvitation } from "@/lib/links/read-link-invitation";
import { storeLink } from "@/lib/links/store-link";
import { checkThat, firstFailure, STAFF_MESSAGES, type CheckResult } from "@/lib/mobilepay/oidc/check-result";
import { checkTokenEndpointIdToken } from "@/lib/mobilepay/oidc/id-token-checks";
import { checkMerchantClaims } from "@/lib/mobilepay/oidc/merchant-claims-check";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";
import { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";

export const LINK_DONE_PATH = "/link/complete";

class LinkRefused extends Error {
  constructor(
    readonly reason: string,
    readonly checks: CheckResult[],
  ) {
    super(reason);
  }
}

/**
 * Runs inside next-auth's signIn callback, after redeemLinkCode redeemed the
 * code (unchecked, so every check below is recorded by its name): compares the back channel with the front channel, then stores the
 * merchant and its encrypted tokens in one transaction. Returns the path
 * next-auth redirects to; no session is ever created for the merchant.
 */
export async function completeLink(context: LinkCallbackContext, account: Account | null): Promise<string> {
  const { environment } = context;
  const checks: CheckResult[] = [...context.checks];
  try {
    if (!account?.access_token) {
      checks.push(checkThat("token_endpoint", false, "no access_token in the token response"));
      throw new LinkRefused("The token response carried no access token.", checks);
    }
    checks.push(checkThat("token_endpoint", true, "code redeemed"));
    const { keys } = await getProviderMetadata(environment);
    const backChannel = await checkTokenEndpointIdToken({
      idToken: account.id_token,
      accessToken: account.access_token,
      expected: {
        issuer: environment.expectedIssuer,
        clientId: environment.clientId,
        nonce: context.frontChannel.nonce,
        subject: context.frontChannel.subject,
        originalIssuer: context.frontChannel.issuer,
      },
      keys,
      clockToleranceSeconds: environment.clockToleranceSeconds,
    });
    checks.push(...backChannel.results.map((result) => ({ ...result, detail: `token endpoint: ${result.detail}` })));
    const failed = firstFailure(checks);
    if (failed || !backChannel.claims) {
      throw new LinkRefused(
        failed ? `${STAFF_MESSAGES[failed.name]} (${failed.detail})` : "The token-endpoint id_token is unusable.",
        checks,
      );
    }
    if (!account.refresh_token) {
      checks.push(checkThat("refresh_token_present", false, "no refresh_token: offline_access was not granted"));
      throw new LinkRefused(
        "MobilePay returned no refresh token (offline_access not granted), so the link could not be kept alive.",
        checks,
      );
    }
    checks.push(checkThat("refresh_token_present", true, "refresh token received"));

    const claims = backChannel.claims;
    const merchantId = claims.merchant_id;
    const merchantVat = claims.merchant_vat;
    const db = getDb();
    const invitation = await readLinkInvitation(db, {
      invitationId: context.invitationId,
      environmentId: environment.id,
      mobilePayId: merchantId,
    });
    if (!invitation) {
      throw new LinkRefused("The invitation behind this response no longer exists. Nothing was stored.", checks);
    }
    const merchantCheck = checkMerchantClaims(claims, { vatNumber: invitation.vatNumber, role: "invited" });
    checks.push(merchantCheck);
    if (!merchantCheck.passed || !merchantId) {
      throw new LinkRefused(
        `MobilePay's tokens are for merchant VAT ${merchantVat ?? "(none)"}, not the invited ${invitation.vatNumber}. Nothing was stored.`,
        checks,
      );
    }
    const relinked = invitation.relinkedMerchant;
    if (relinked?.mobilePayId && relinked.mobilePayId !== merchantId) {
      checks.push(checkThat("merchant_match", false, "relink returned another merchant_id than the linked merchant"));
      throw new LinkRefused(
        "The relink came back for a different merchant than the one being relinked. Nothing was overwritten.",
        checks,
      );
    }

    const accessClaims = decodeJwtClaims(account.access_token);
    const grantedScopes = account.scope ?? ("claims" in accessClaims ? scopeClaim(accessClaims.claims) : "");
    const now = new Date();
    const expiresAt = account.expires_at ? new Date(account.expires_at * 1000) : new Date(now.getTime() + 300_000);
    const existing = relinked ?? invitation.knownMerchant;
    const relink = Boolean(existing?.mobilePayId);
    const storedMerchantId = existing?.id ?? newRowId();
    const sealed = encryptTokenSet(environment.id, storedMerchantId, {
      accessToken: account.access_token,
      refreshToken: account.refresh_token,
      idToken: account.id_token,
    });
    await storeLink(db, {
      environmentId: environment.id,
      invitationId: invitation.id,
      at: now,
      merchant: {
        id: storedMerchantId,
        stored: Boolean(existing),
        name: invitation.merchantName,
        mobilePayId: merchantId,
        vatNumber: invitation.vatNumber,
        subject: claims.sub,
        issuer: claims.iss,
        products: invitation.products,
      },
      tokenSet: {
        ...sealed,
        accessTokenExpiresAt: expiresAt,
        grantedScopes,
        idTokenClaims: JSON.stringify(claims),
        accessTokenClaims: JSON.stringify(
          "claims" in accessClaims ? accessClaims.claims : { error: accessClaims.error },
        ),
      },
      checks: JSON.stringify(checks),
      clockOffsetSeconds: context.clockOffsetSeconds ?? null,
      relink,
      audit: {
        actor: { type: "merchant", label: `${invitation.merchantName} (${merchantVat})` },
        action: relink ? "link.relinked" : "link.consented",
        environment: environment.id,
        merchantId: storedMerchantId,
        details: {
          invitationId: invitation.id,
          invitedBy: invitation.createdByLabel,
          grantedScopes,
          refreshTokenFingerprint: sealed.refreshTokenFingerprint,
        },
      },
    });
    context.outcome = { kind: "linked", merchantId: storedMerchantId };
    return `${LINK_DONE_PATH}?outcome=linked`;
  } catch (error) {
    const reason =
      error instanceof LinkRefused
        ? error.reason
        : `Storing the link failed: ${error instanceof Error ? error.message : "unknown error"}`;
    const refusedChecks = error instanceof LinkRefused ? error.checks : checks;
    await failLink({
      environmentId: environment.id,
      invitationId: context.invitationId,
      reason,
      failedCheck: firstFailure(refusedChecks)?.name,
      checks: refusedChecks,
      clockOffsetSeconds: context.clockOffsetSeconds,
      tokenEndpointStatus: context.tokenEndpointStatus,
    });
    context.outcome = { kind: "refused", reason };
    return `${LINK_DONE_PATH}?outcome=failed`;
  }
}

function scopeClaim(claims: Record<string, unknown>): string {
  const scope = claims.scope;
  return Array.isArray(scope) ? scope.join(" ") : typeof scope === "string" ? scope : "";
}
