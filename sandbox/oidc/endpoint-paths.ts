/**
 * MobilePay splits its OP over two hosts: the admin portal (`/account/...`: authorize, end session)
 * and the API gateway (`/merchant-authentication-openidconnect/...`: discovery, token, jwks,
 * revocation, introspection). The sandbox serves both path families from one origin.
 */
export const PORTAL_PREFIX = "/account";
export const OIDC_API_PREFIX = "/merchant-authentication-openidconnect";

export const OIDC_PATHS = {
  discovery: `${OIDC_API_PREFIX}/.well-known/openid-configuration`,
  portalDiscovery: `${PORTAL_PREFIX}/.well-known/openid-configuration`,
  jwks: `${OIDC_API_PREFIX}/.well-known/openid-configuration/jwks`,
  authorization: `${PORTAL_PREFIX}/connect/authorize`,
  token: `${OIDC_API_PREFIX}/connect/token`,
  revocation: `${OIDC_API_PREFIX}/connect/revocation`,
  introspection: `${OIDC_API_PREFIX}/connect/introspect`,
  endSession: `${PORTAL_PREFIX}/connect/endsession`,
  /** Where oidc-provider itself serves discovery; only reachable through the two paths above. */
  providerDiscovery: "/.well-known/openid-configuration",
} as const;

export const PORTAL_PATHS = {
  interaction: `${PORTAL_PREFIX}/interaction`,
  login: `${PORTAL_PREFIX}/login`,
  logout: `${PORTAL_PREFIX}/logout`,
  integrations: `${PORTAL_PREFIX}/integrations`,
} as const;

/** Paths handed to oidc-provider as they are. */
export function isProviderPath(pathname: string): boolean {
  return (
    pathname === OIDC_PATHS.authorization ||
    pathname.startsWith(`${OIDC_PATHS.authorization}/`) ||
    pathname === OIDC_PATHS.jwks ||
    pathname === OIDC_PATHS.token ||
    pathname === OIDC_PATHS.revocation ||
    pathname === OIDC_PATHS.introspection ||
    pathname === OIDC_PATHS.endSession ||
    pathname.startsWith(`${OIDC_PATHS.endSession}/`)
  );
}
