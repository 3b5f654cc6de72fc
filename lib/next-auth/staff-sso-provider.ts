import "server-only";

import type { OAuthConfig } from "next-auth/providers/oauth";

import { STAFF_SSO_PROVIDER_ID, type StaffSsoSettings } from "@/lib/auth/staff-sso-settings";

type StaffIdTokenClaims = { sub: string; email?: string; name?: string } & Record<string, unknown>;

/**
 * The company's identity provider for staff: authorization code with PKCE, state and nonce, the id_token's
 * claims checked by openid-client against the discovered issuer and keys. Whether the person may enter is
 * the signIn callback's decision, not this provider's.
 */
export function staffSsoProvider(settings: StaffSsoSettings): OAuthConfig<StaffIdTokenClaims> {
  return {
    id: STAFF_SSO_PROVIDER_ID,
    name: settings.label,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: settings.scopes } },
    httpOptions: { timeout: 10_000 },
    profile(claims) {
      return { id: claims.sub, email: claims.email ?? null, name: claims.name ?? null };
    },
  };
}
