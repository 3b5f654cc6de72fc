import "server-only";

import type { Invitation } from "@prisma/client";

import { apiActor } from "@/lib/api/api-actor";
import type { TConsentLink, TCreateConsentLink } from "@/lib/api/api-consent-link-schemas";
import { ApiProblem } from "@/lib/api/api-problem";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { INVITATION_TTL_MS } from "@/lib/links/create-invitation";
import { invitationState } from "@/lib/links/invitation-state";
import { createInvitationToken } from "@/lib/links/invitation-token";
import { findEnvironment } from "@/lib/mobilepay/environments";

function fieldProblem(field: string, message: string): ApiProblem {
  return new ApiProblem("invalid-request", `${message} Nothing was created.`, { errors: { [field]: [message] } });
}

function toConsentLink(invitation: Invitation, returnUrl: string | null, url: string | null): TConsentLink {
  return {
    id: invitation.id,
    url,
    state: invitationState(invitation),
    failure_reason: invitation.failureReason,
    merchant_name: invitation.merchantName,
    vat_number: invitation.vatNumber,
    products: invitation.products.split(" ").filter(Boolean),
    environment: invitation.environment,
    return_url: returnUrl,
    merchant_id: invitation.status === "consented" ? invitation.merchantId : null,
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
  };
}

/**
 * An integrator's own onboarding page creates a consent link for a merchant: the same single-use link
 * staff send, in one of the key's environments, with an optional return URL whose origin the key's
 * allow-list names. The link's URL is in this answer only; afterwards it is followed by id.
 */
export async function createApiConsentLink(principal: ApiPrincipal, input: TCreateConsentLink): Promise<TConsentLink> {
  const environment = findEnvironment(input.environment);
  if (!environment || !principal.environments.includes(environment.id)) {
    throw fieldProblem("environment", "Use one of this key's environments.");
  }
  const returnUrl = input.return_url ? new URL(input.return_url) : null;
  if (returnUrl && !principal.returnUrlOrigins.includes(returnUrl.origin)) {
    throw fieldProblem("return_url", "The return URL's origin is not on this key's list; an admin can add it.");
  }
  const { token, tokenHash } = createInvitationToken();
  const actor = apiActor(principal);
  const products = [...new Set(input.products)].sort();
  const invitation = await getDb().$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        tokenHash,
        merchantName: input.merchant_name,
        vatNumber: input.vat_number,
        products: products.join(" "),
        environment: environment.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        createdById: `api-key:${principal.keyId}`,
        createdByLabel: actor.label,
      },
    });
    await tx.apiConsentLink.create({
      data: { invitationId: created.id, apiKeyId: principal.keyId, returnUrl: returnUrl?.href ?? null },
    });
    await recordAuditEvent(
      {
        actor,
        action: "link.invited",
        environment: environment.id,
        details: {
          invitationId: created.id,
          merchantName: input.merchant_name,
          vatNumber: input.vat_number,
          products,
          apiKeyId: principal.keyId,
        },
      },
      tx,
    );
    return created;
  });
  const url = `${getEnv().NEXTAUTH_URL.replace(/\/$/, "")}/link/${token}`;
  return toConsentLink(invitation, returnUrl?.href ?? null, url);
}

/** A consent link this key created, as it stands now; any other id is a 404, whoever created it. */
export async function getApiConsentLink(principal: ApiPrincipal, consentLinkId: string): Promise<TConsentLink> {
  const db = getDb();
  const link = await db.apiConsentLink.findUnique({ where: { invitationId: consentLinkId } });
  const invitation =
    link && link.apiKeyId === principal.keyId ? await db.invitation.findUnique({ where: { id: consentLinkId } }) : null;
  if (!link || !invitation || !principal.environments.includes(invitation.environment)) {
    throw new ApiProblem("consent-link-not-found", `No consent link ${consentLinkId} created with this key.`);
  }
  return toConsentLink(invitation, link.returnUrl, null);
}
