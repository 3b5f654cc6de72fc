import type { IncomingMessage } from "node:http";

import { createLocalJWKSet, jwtVerify } from "jose";

import type { FaultState } from "../faults/fault-state";
import type { SigningKeyStore } from "../keys/signing-key-store";
import type { AccessTokenLedger } from "../oidc/access-token-ledger";
import type { MerchantGrants } from "../oidc/merchant-grants";
import { API_AUDIENCE } from "../oidc/mobilepay-claims";
import type { PortalDirectory, TMerchant } from "../portal/portal-directory";

export interface ApiCaller {
  merchant: TMerchant;
  clientId: string;
  subject: string;
  scopes: string[];
}

export interface BearerTokenCheckDependencies {
  issuer: string;
  keyStore: SigningKeyStore;
  faults: FaultState;
  directory: PortalDirectory;
  accessTokenLedger: AccessTokenLedger;
  merchantGrants: MerchantGrants;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(req.headers.authorization ?? "");
  return match?.[1];
}

/**
 * What MobilePay's gateway checks before an API call: signature by the OP's keys, expiry, audience,
 * product scope and a known merchant. Any failure is reported the same vague way (401, no body), so
 * undefined is the only failure signal.
 */
export class BearerTokenCheck {
  constructor(private readonly deps: BearerTokenCheckDependencies) {}

  async authenticate(req: IncomingMessage, requiredScope: "invoice" | "subscriptions"): Promise<ApiCaller | undefined> {
    const token = bearerToken(req);
    if (!token) return undefined;
    const { deps } = this;
    let payload: Record<string, unknown>;
    try {
      const jwks = createLocalJWKSet({ keys: deps.keyStore.publishedPublicKeys });
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: deps.issuer,
        audience: API_AUDIENCE,
        algorithms: ["RS256"],
        currentDate: new Date(deps.faults.skewedNowMs()),
        requiredClaims: ["exp", "sub", "client_id", "scope", "merchant_id"],
      }));
    } catch {
      return undefined;
    }

    const scopes = Array.isArray(payload.scope)
      ? payload.scope.filter((scope): scope is string => typeof scope === "string")
      : [];
    if (!scopes.includes(requiredScope)) return undefined;
    const merchant =
      typeof payload.merchant_id === "string" ? deps.directory.merchantById(payload.merchant_id) : undefined;
    if (!merchant) return undefined;
    if (await this.isWithdrawn(typeof payload.jti === "string" ? payload.jti : undefined, merchant.merchant_id))
      return undefined;

    return { merchant, clientId: String(payload.client_id), subject: String(payload.sub), scopes };
  }

  /** Tokens cut off by the control API, or (with the instant switch) belonging to a revoked grant. */
  private async isWithdrawn(jti: string | undefined, merchantId: string): Promise<boolean> {
    const { accessTokenLedger, merchantGrants, faults } = this.deps;
    const issued = jti ? await accessTokenLedger.find(jti) : undefined;
    const cutoff = await accessTokenLedger.merchantCutoffMs(merchantId);
    if (cutoff !== undefined && (!issued || issued.issuedAtMs <= cutoff)) return true;
    if (faults.rejectRevokedAccessTokensInstantly && issued?.grantId) {
      const grant = await merchantGrants.byGrantId(issued.grantId);
      if (!grant || grant.revokedAt !== null) return true;
    }
    return false;
  }
}
