import type { DiscoveryFinding } from "@/lib/mobilepay/oidc/discovery";

import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

const TITLES: Record<string, string> = {
  issuer: "Issuer",
  issuer_host: "Issuer vs authority",
  response_type: "Hybrid flow (code id_token)",
  response_mode: "form_post",
  id_token_signing_alg: "RS256 signatures",
  pkce: "PKCE S256",
  endpoints: "Endpoint hosts",
  userinfo: "Userinfo",
};

/**
 * Discovery findings as checklist lines. MobilePay's issuer differs from the hosts serving discovery by design, so
 * that finding is explained rather than counted as a problem: the issuer itself stays pinned.
 */
export function checksFromFindings(findings: readonly DiscoveryFinding[]): DiagnosticCheck[] {
  return findings.map((finding) => {
    const title = TITLES[finding.check] ?? finding.check.replace(/_/g, " ");
    if (finding.check === "issuer_host" && finding.level === "warn") {
      return diagnosticCheck(
        `discovery.${finding.check}`,
        title,
        "pass",
        `${finding.message}. This is how MobilePay works (issuer https://api.mobilepay.dk/merchant, endpoints on other hosts); the issuer is pinned in configuration instead.`,
      );
    }
    return diagnosticCheck(
      `discovery.${finding.check}`,
      title,
      finding.level,
      finding.message,
      finding.level === "pass" ? "" : finding.fix,
    );
  });
}

/**
 * Protocol scopes, not products: MobilePay answers them without listing them in scopes_supported (its discovery
 * document has never listed offline_access, yet every link returns a refresh token), so their absence there
 * says nothing.
 */
const PROTOCOL_SCOPES: readonly string[] = ["openid", "offline_access"];

/** The scopes the console asks for, against those the OP publishes (when it publishes them). */
export function checkScopes(requested: readonly string[], supported: readonly string[] | undefined): DiagnosticCheck {
  const title = "Scopes for the products";
  const needed = ["openid", "offline_access", "invoice", "subscriptions"];
  const notRequested = needed.filter((scope) => !requested.includes(scope));
  if (notRequested.length > 0) {
    return diagnosticCheck(
      "scopes",
      title,
      "fail",
      `The console does not ask for ${notRequested.join(", ")}.`,
      "Both products need openid and offline_access (for refresh tokens) plus invoice and/or subscriptions.",
    );
  }
  if (supported === undefined) {
    return diagnosticCheck(
      "scopes",
      title,
      "warn",
      `The console asks for ${requested.join(" ")}; the OP does not publish scopes_supported, so support cannot be confirmed.`,
      "A test link shows the granted scopes on the merchant page.",
    );
  }
  const unpublished = requested.filter((scope) => !supported.includes(scope));
  const products = unpublished.filter((scope) => !PROTOCOL_SCOPES.includes(scope));
  if (products.length > 0) {
    return diagnosticCheck(
      "scopes",
      title,
      "warn",
      `The OP does not publish the product scope${products.length === 1 ? "" : "s"} ${products.join(", ")} in scopes_supported.`,
      "Ask MobilePay to enable the product for this client, or drop it from the requested products.",
    );
  }
  const unlisted = unpublished.length > 0 ? ` (${unpublished.join(", ")} is not listed, as usual at MobilePay)` : "";
  return diagnosticCheck(
    "scopes",
    title,
    "pass",
    `The console asks for ${requested.join(" ")}; the OP publishes every product scope${unlisted}.`,
  );
}
