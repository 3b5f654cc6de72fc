import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type CookieSetting = { name: string; sameSite: string; secure: boolean };

/** How the request that ran the diagnostics reached the console, as the console sees it. */
export type RequestFacts = {
  /** "http:" or "https:", as the server received it. */
  protocol: string;
  forwardedProto: string | null;
  host: string | null;
  forwardedHost: string | null;
};

function firstValue(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim();
  return first ? first : null;
}

/**
 * MobilePay's form_post callback is a cross-site POST: only SameSite=None cookies travel with it, and browsers keep
 * SameSite=None cookies only when they are Secure, which needs https (or localhost). A proxy that serves https to
 * browsers but does not say so, or a console on plain http, breaks every link with "cookies missing".
 */
export function checkCallbackCookies(input: {
  consoleUrl: string;
  cookies: readonly CookieSetting[];
  request: RequestFacts;
}): DiagnosticCheck[] {
  const checks: DiagnosticCheck[] = [];
  const wrong = input.cookies.filter((cookie) => cookie.sameSite.toLowerCase() !== "none" || !cookie.secure);
  checks.push(
    wrong.length === 0
      ? diagnosticCheck(
          "cookie_settings",
          "Callback cookie settings",
          "pass",
          `The link cookies (${input.cookies.map((cookie) => cookie.name).join(", ")}) are SameSite=None; Secure, so they travel with MobilePay's cross-site POST.`,
        )
      : diagnosticCheck(
          "cookie_settings",
          "Callback cookie settings",
          "fail",
          `${wrong.map((cookie) => `${cookie.name} is SameSite=${cookie.sameSite}${cookie.secure ? "" : ", not Secure"}`).join("; ")}: browsers will not send them with MobilePay's form_post.`,
          "Set SameSite=None and Secure on every cookie the callback needs.",
        ),
  );

  const consoleUrl = new URL(input.consoleUrl);
  const effectiveProto = (
    firstValue(input.request.forwardedProto) ?? input.request.protocol.replace(/:$/, "")
  ).toLowerCase();
  const effectiveHost = firstValue(input.request.forwardedHost) ?? input.request.host;
  const title = "HTTPS for cross-site cookies";
  if (consoleUrl.protocol === "http:" && !LOOPBACK.has(consoleUrl.hostname)) {
    checks.push(
      diagnosticCheck(
        "cookie_transport",
        title,
        "fail",
        `NEXTAUTH_URL is ${consoleUrl.origin}: plain http outside localhost. Browsers refuse Secure cookies there, so MobilePay's callback arrives without them.`,
        "Serve the console over https (terminate TLS at the proxy) and set NEXTAUTH_URL to the https URL.",
      ),
    );
  } else if (consoleUrl.protocol === "https:" && effectiveProto !== "https") {
    checks.push(
      diagnosticCheck(
        "cookie_transport",
        title,
        "warn",
        `NEXTAUTH_URL is https, but this request reached the console as ${effectiveProto}${input.request.forwardedProto ? " (x-forwarded-proto)" : " and no proxy sent x-forwarded-proto"}.`,
        "If a proxy terminates TLS, have it send x-forwarded-proto: https (and x-forwarded-host); if browsers really use http, serve https.",
      ),
    );
  } else {
    checks.push(
      diagnosticCheck(
        "cookie_transport",
        title,
        "pass",
        consoleUrl.protocol === "https:"
          ? `The console is served over https (${consoleUrl.origin}).`
          : `The console runs on ${consoleUrl.origin}; browsers treat localhost as secure, so Secure cookies work.`,
      ),
    );
  }
  if (effectiveHost && effectiveHost.toLowerCase() !== consoleUrl.host.toLowerCase()) {
    checks.push(
      diagnosticCheck(
        "console_host",
        "Console address",
        "warn",
        `This request reached the console at ${effectiveHost}, but NEXTAUTH_URL says ${consoleUrl.host}: the link cookies are set on one host and MobilePay returns to the other.`,
        "Open the console at the NEXTAUTH_URL address, or correct NEXTAUTH_URL (and the proxy's x-forwarded-host).",
      ),
    );
  }
  return checks;
}
