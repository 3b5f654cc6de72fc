import "server-only";

import type { Account } from "next-auth";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { failLink } from "@/lib/links/fail-link";
import type { LinkCallbackContext } from "@/lib/links/link-callback-context";
import { checkThat, firstFailure, STAFF_MESSAGES, type CheckResult } from "@/lib/mobilepay/oidc/check-result";
import { checkTokenEndpointIdToken } from "@/lib/mobilepay/oidc/id-token-checks";
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
 * Runs inside next-auth's signIn callback, after openid-client redeemed the
 * code: compares the back channel with the front channel, then stores the
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
    const invitation = await db.invitation.findUniqueOrThrow({
      where: { id: context.invitationId },
      include: { merchant: true },
    });
    const sameMerchant = Boolean(merchantId && merchantVat === invitation.vatNumber);
    checks.push(
      checkThat(
        "merchant_match",
        sameMerchant,
        `merchant_vat ${merchantVat ?? "missing"}, invited ${invitation.vatNumber}; merchant_id ${merchantId ? "present" : "missing"}`,
      ),
    );
    if (!sameMerchant || !merchantId) {
      throw new LinkRefused(
        `MobilePay's tokens are for merchant VAT ${merchantVat ?? "(none)"}, not the invited ${invitation.vatNumber}. Nothing was stored.`,
        checks,
      );
    }
    if (invitation.merchant && invitation.merchant.mobilePayId && invitation.merchant.mobilePayId !== merchantId) {
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
    const { idTokenClaimsJson, accessTokenClaimsJson } = {
      idTokenClaimsJson: JSON.stringify(claims),
      accessTokenClaimsJson: JSON.stringify(
        "claims" in accessClaims ? accessClaims.claims : { error: accessClaims.error },
      ),
    };

    const merchant = await db.$transaction(async (tx) => {
      const existing =
        invitation.merchant ??
        (await tx.merchant.findUnique({
          where: { environment_mobilePayId: { environment: environment.id, mobilePayId: merchantId } },
        }));
      const relink = Boolean(existing?.mobilePayId);
      const saved = existing
        ? await tx.merchant.update({
            where: { id: existing.id },
            data: {
              mobilePayId: merchantId,
              vatNumber: merchantVat!,
              subject: claims.sub,
              issuer: claims.iss,
              products: invitation.products,
              unlinkedAt: null,
              lastActivityAt: now,
            },
          })
        : await tx.merchant.create({
            data: {
              environment: environment.id,
              mobilePayId: merchantId,
              vatNumber: merchantVat!,
              name: invitation.merchantName,
              subject: claims.sub,
              issuer: claims.iss,
              products: invitation.products,
              lastActivityAt: now,
            },
          });
      const sealed = encryptTokenSet(environment.id, saved.id, {
        accessToken: account.access_token!,
        refreshToken: account.refresh_token!,
        idToken: account.id_token,
      });
      const tokenSetData = {
        ...sealed,
        accessTokenExpiresAt: expiresAt,
        accessTokenIssuedAt: now,
        grantedScopes,
        idTokenClaims: idTokenClaimsJson,
        accessTokenClaims: accessTokenClaimsJson,
        lastRefreshedAt: null,
        leaseOwner: null,
        leaseUntil: null,
        // A new consent starts a clean lifecycle: no failure, no stale refresh marker.
        failureKind: null,
        failureReason: null,
        failureAt: null,
        consecutiveFailures: 0,
        nextAttemptAt: null,
        refreshStartedAt: null,
        refreshFingerprintSent: null,
        rotationMode: "unknown",
      };
      await tx.merchantTokenSet.upsert({
        where: { merchantId: saved.id },
        create: { merchantId: saved.id, ...tokenSetData },
        update: { ...tokenSetData, version: { increment: 1 } },
      });
      await tx.invitation.update({
        where: { id: invitation.id },
        data: { status: "consented", failureReason: null, completedAt: now, merchantId: saved.id },
      });
      await tx.callbackRecord.create({
        data: {
          invitationId: invitation.id,
          environment: environment.id,
          outcome: "passed",
          checks: JSON.stringify(checks),
          clockOffsetSeconds: context.clockOffsetSeconds ?? null,
          tokenEndpointStatus: 200,
        },
      });
      await recordAuditEvent(
        {
          actor: { type: "merchant", label: `${invitation.merchantName} (${merchantVat})` },
          action: relink ? "link.relinked" : "link.consented",
          environment: environment.id,
          merchantId: saved.id,
          details: {
            invitationId: invitation.id,
            invitedBy: invitation.createdByLabel,
            grantedScopes,
            refreshTokenFingerprint: sealed.refreshTokenFingerprint,
          },
        },
        tx,
      );
      return saved;
    });
    context.outcome = { kind: "linked", merchantId: merchant.id };
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
    });
    context.outcome = { kind: "refused", reason };
    return `${LINK_DONE_PATH}?outcome=failed`;
  }
}

function scopeClaim(claims: Record<string, unknown>): string {
  const scope = claims.scope;
  return Array.isArray(scope) ? scope.join(" ") : typeof scope === "string" ? scope : "";
}
