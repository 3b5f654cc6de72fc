import { MERCHANT_VAT_PATTERN } from "../portal/portal-directory";
import { KNOWN_SCOPES, PRODUCT_SCOPES } from "./mobilepay-claims";
import type { NonceLedger } from "./nonce-ledger";

export interface RegisteredRedirects {
  redirectUrisFor(clientId: string): readonly string[] | undefined;
}

export type GateOutcome = { allowed: true; query: URLSearchParams } | { allowed: false; reason: string };

const SINGLE_VALUED = [
  "client_id",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "merchant_vat",
  "prompt",
];

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;
const KNOWN_SCOPE_SET = new Set<string>(KNOWN_SCOPES);

function rejected(reason: string): GateOutcome {
  return { allowed: false, reason };
}

/**
 * MobilePay's documented rules for /connect/authorize, checked before oidc-provider sees the request.
 * Every violation ends on the vague error page: MobilePay reports nothing back to the client for a
 * bad authorization request, so the sandbox must not either.
 *
 * It also rewrites two things so oidc-provider behaves like MobilePay: comma-separated scopes become
 * space-separated, and `prompt=consent` is added, because oidc-provider (following OIDC Core §11)
 * drops offline_access without it while MobilePay issues refresh tokens anyway. The consent screen is
 * not forced by that: the interaction policy shows it only when the merchant has no valid grant.
 */
export async function checkAuthorizationRequest(
  query: URLSearchParams,
  clients: RegisteredRedirects,
  nonces: NonceLedger,
): Promise<GateOutcome> {
  for (const name of SINGLE_VALUED) {
    if (query.getAll(name).length > 1) return rejected(`${name} given more than once`);
  }

  // Request objects are advertised by MobilePay but used by no integrator; the sandbox has none.
  if (query.has("request") || query.has("request_uri")) return rejected("request objects are not supported");

  const clientId = query.get("client_id");
  const redirectUris = clientId ? clients.redirectUrisFor(clientId) : undefined;
  if (!clientId || !redirectUris) return rejected("unknown client_id");

  const redirectUri = query.get("redirect_uri");
  if (!redirectUri || !redirectUris.includes(redirectUri)) return rejected("redirect_uri is not registered");

  const responseType = (query.get("response_type") ?? "").split(" ").filter(Boolean).sort().join(" ");
  if (responseType !== "code id_token") return rejected("response_type must be 'code id_token'");

  const responseMode = query.get("response_mode");
  if (responseMode !== "form_post" && responseMode !== "fragment") {
    return rejected("response_mode must be form_post or fragment");
  }

  const scopes = (query.get("scope") ?? "").split(/[ ,]+/).filter(Boolean);
  if (!scopes.includes("openid") || !scopes.includes("offline_access")) {
    return rejected("scope must contain openid and offline_access");
  }
  if (!scopes.some((scope) => (PRODUCT_SCOPES as readonly string[]).includes(scope))) {
    return rejected("scope must contain invoice or subscriptions");
  }
  const unknownScope = scopes.find((scope) => !KNOWN_SCOPE_SET.has(scope));
  if (unknownScope) return rejected(`unknown scope ${unknownScope}`);

  if (!query.get("state")) return rejected("state is required");
  const nonce = query.get("nonce");
  if (!nonce) return rejected("nonce is required");

  if (query.get("code_challenge_method") !== "S256") return rejected("code_challenge_method must be S256");
  if (!PKCE_CHALLENGE.test(query.get("code_challenge") ?? ""))
    return rejected("code_challenge must be 43-128 characters");

  const merchantVat = query.get("merchant_vat");
  if (merchantVat !== null && !MERCHANT_VAT_PATTERN.test(merchantVat)) return rejected("merchant_vat is malformed");

  const prompt = (query.get("prompt") ?? "").split(" ").filter(Boolean);
  if (prompt.includes("none")) return rejected("prompt=none is not supported");

  if (!(await nonces.registerFirstUse(clientId, nonce))) return rejected("nonce was used before");

  const rewritten = new URLSearchParams(query);
  rewritten.set("scope", [...new Set(scopes)].join(" "));
  if (!prompt.includes("consent")) rewritten.set("prompt", [...prompt, "consent"].join(" "));
  return { allowed: true, query: rewritten };
}
