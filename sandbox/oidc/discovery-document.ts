import { KNOWN_SCOPES } from "./mobilepay-claims";
import { OIDC_PATHS } from "./endpoint-paths";

type Metadata = Record<string, unknown>;

/**
 * Rebuilds oidc-provider's discovery metadata in MobilePay's shape: endpoints on MobilePay's paths
 * under the public URL, no userinfo, and the same quirks as MobilePay's published document
 * (offline_access missing from scopes_supported, fragment missing from response_modes_supported,
 * plain PKCE advertised although S256 is required).
 */
export function toMobilePayDiscovery(generated: Metadata, publicUrl: string): Metadata {
  const at = (path: string) => new URL(path, publicUrl).href;
  return {
    issuer: generated.issuer,
    jwks_uri: at(OIDC_PATHS.jwks),
    authorization_endpoint: at(OIDC_PATHS.authorization),
    token_endpoint: at(OIDC_PATHS.token),
    end_session_endpoint: at(OIDC_PATHS.endSession),
    revocation_endpoint: at(OIDC_PATHS.revocation),
    introspection_endpoint: at(OIDC_PATHS.introspection),
    scopes_supported: KNOWN_SCOPES.filter((scope) => scope !== "offline_access"),
    claims_supported: ["sub", "merchant_id", "merchant_vat"],
    grant_types_supported: ["authorization_code", "refresh_token", "implicit"],
    response_types_supported: generated.response_types_supported,
    response_modes_supported: ["query", "form_post"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    id_token_signing_alg_values_supported: ["RS256"],
    subject_types_supported: ["public"],
    code_challenge_methods_supported: ["plain", "S256"],
    request_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
  };
}
