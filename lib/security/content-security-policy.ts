export type ContentSecurityPolicyOptions = {
  nonce: string;
  /** Next's development runtime evaluates code and opens a socket for hot reload. */
  development: boolean;
  /**
   * Where a form may send the browser. Chrome and Safari apply form-action to the
   * redirect after a submit, so linking a merchant needs the authorize origins.
   */
  formActionOrigins: string[];
};

export function buildContentSecurityPolicy({
  nonce,
  development,
  formActionOrigins,
}: ContentSecurityPolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React style attributes are inline styles; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${formActionOrigins.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * Sets the security headers every answer carries, from the running configuration: HSTS only in production
 * behind an https:// origin. The proxy calls it for pages, and the routes it does not run for call it themselves.
 */
export function applySecurityHeaders(headers: Headers): void {
  const production = process.env.NODE_ENV === "production";
  const secureOrigin = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  for (const [name, value] of Object.entries(securityHeaders(production, secureOrigin))) headers.set(name, value);
}

export function securityHeaders(production: boolean, secureOrigin: boolean): Record<string, string> {
  return {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(production && secureOrigin ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
