import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The callback URL next-auth sends to /authorize; the code exchange must repeat it byte for byte. */
export function callbackUrlFor(consoleUrl: string, providerId: string): string {
  return `${consoleUrl.replace(/\/$/, "")}/api/auth/callback/${providerId}`;
}

/**
 * MobilePay's checklist: the redirect URI must be https (localhost is tolerated during development), whitelisted,
 * and identical on /authorize and /token.
 */
export function checkRedirectUri(input: {
  redirectUri: string;
  consoleUrl: string;
  providerId: string;
  isSandbox: boolean;
}): DiagnosticCheck[] {
  const title = "Redirect URI";
  let url: URL;
  try {
    url = new URL(input.redirectUri);
  } catch {
    return [
      diagnosticCheck(
        "redirect_uri",
        title,
        "fail",
        `The redirect URI "${input.redirectUri}" is not a URL.`,
        "Set a full https URL.",
      ),
    ];
  }
  const checks: DiagnosticCheck[] = [];
  if (url.protocol === "https:") {
    checks.push(diagnosticCheck("redirect_uri_https", title, "pass", `${input.redirectUri} uses https.`));
  } else if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) {
    checks.push(
      input.isSandbox
        ? diagnosticCheck(
            "redirect_uri_https",
            title,
            "pass",
            `${input.redirectUri} is on localhost, which sandboxes accept over http.`,
          )
        : diagnosticCheck(
            "redirect_uri_https",
            title,
            "warn",
            `${input.redirectUri} is a localhost URL in a production environment.`,
            "Register the console's public https callback URL with MobilePay and remove localhost before going live.",
          ),
    );
  } else {
    checks.push(
      diagnosticCheck(
        "redirect_uri_https",
        title,
        "fail",
        `${input.redirectUri} uses ${url.protocol.replace(":", "")}; MobilePay only accepts https (or localhost).`,
        "Serve the console over https and set NEXTAUTH_URL (and the environment's REDIRECT_URI, if set) to the https URL.",
      ),
    );
  }
  const sent = callbackUrlFor(input.consoleUrl, input.providerId);
  checks.push(
    input.redirectUri === sent
      ? diagnosticCheck(
          "redirect_uri_match",
          "Redirect URI matches",
          "pass",
          `The sign-in request and the code exchange both use ${sent}. It must also be whitelisted at MobilePay, which only a test link can show.`,
        )
      : diagnosticCheck(
          "redirect_uri_match",
          "Redirect URI matches",
          "fail",
          `The sign-in request sends ${sent}, but the code exchange uses ${input.redirectUri}; MobilePay answers invalid_grant when they differ.`,
          "Remove the environment's REDIRECT_URI setting, or make NEXTAUTH_URL match it.",
        ),
  );
  return checks;
}
