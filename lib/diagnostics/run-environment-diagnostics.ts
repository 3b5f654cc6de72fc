import "server-only";

import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { PRODUCTS } from "@/lib/mobilepay/environment-config";
import type { FetchLike } from "@/lib/mobilepay/oidc/bounded-request";

import { checkClockSkew } from "./clock-skew-check";
import { probeClientCredentials } from "./credentials-probe";
import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";
import { checksFromFindings, checkScopes } from "./discovery-checks";
import { checkJwks } from "./jwks-check";
import { probeDiscovery } from "@/lib/inspection/probe-discovery";
import { checkRedirectUri } from "./redirect-uri-check";

export type EnvironmentDiagnostics = {
  environment: { id: string; label: string; isSandbox: boolean };
  ranAt: string;
  clockOffsetSeconds: number | null;
  checks: DiagnosticCheck[];
};

export type RunEnvironmentDiagnosticsOptions = {
  consoleUrl: string;
  /** OP clock minus ours from the newest stored tokens' iat in this environment; null when none are stored. */
  lastTokenOffsetSeconds?: number | null;
  fetch?: FetchLike;
};

const DISCOVERY_FIXES: Record<string, string> = {
  unreachable: "Check the discovery URL and that this server can reach MobilePay (DNS, firewall, proxy).",
  timeout: "MobilePay did not answer within 5 s; check network access, or retry later.",
  http_status: "Check the discovery URL for this environment (sandbox and production differ).",
  too_large: "The URL does not serve a discovery document; check it.",
  not_json: "The URL serves something else (often an HTML error page); check it.",
  invalid_metadata:
    "The document lacks fields the console needs; confirm the URL points at MobilePay's merchant authentication.",
};

function skipped(id: string, title: string, reason: string): DiagnosticCheck {
  return diagnosticCheck(id, title, "skip", reason);
}

/**
 * Every check for one MobilePay environment, run live: discovery, keys, hybrid flow support, redirect URI,
 * client credentials and clock. Checks that depend on a usable discovery document are skipped, not failed, when it
 * is missing, and the client secret is never sent to an endpoint discovery was not allowed to name.
 */
export async function runEnvironmentDiagnostics(
  environment: MobilePayEnvironment,
  options: RunEnvironmentDiagnosticsOptions,
): Promise<EnvironmentDiagnostics> {
  const checks: DiagnosticCheck[] = [];
  const probe = await probeDiscovery(environment, options.fetch ? { fetch: options.fetch } : {});
  const requestedScopes = environment.scopesFor(PRODUCTS).split(" ");
  if (probe.discovery) {
    const { metadata, findings, usable } = probe.discovery;
    checks.push(
      diagnosticCheck(
        "discovery",
        "Discovery document",
        "pass",
        `${environment.discoveryUrl} answered in ${probe.durationMs} ms with valid OpenID metadata.`,
      ),
    );
    checks.push(...checksFromFindings(findings));
    checks.push(await checkJwks({ jwksUri: metadata.jwks_uri, ...(options.fetch ? { fetch: options.fetch } : {}) }));
    checks.push(checkScopes(requestedScopes, metadata.scopes_supported));
    checks.push(
      usable
        ? await probeClientCredentials({
            tokenEndpoint: metadata.token_endpoint,
            clientId: environment.clientId,
            clientSecret: environment.clientSecret,
            redirectUri: environment.redirectUri,
            ...(options.fetch ? { fetch: options.fetch } : {}),
          })
        : skipped(
            "client_credentials",
            "Client credentials",
            "Not probed: discovery has failing checks, and the secret is only sent to a trusted token endpoint.",
          ),
    );
  } else {
    const error = probe.error ?? { kind: "unreachable", message: "Discovery failed" };
    checks.push(
      diagnosticCheck(
        "discovery",
        "Discovery document",
        "fail",
        error.message,
        DISCOVERY_FIXES[error.kind] ?? DISCOVERY_FIXES.unreachable,
      ),
    );
    checks.push(skipped("jwks", "Signing keys (JWKS)", "Needs the discovery document."));
    checks.push(skipped("scopes", "Scopes for the products", "Needs the discovery document."));
    checks.push(skipped("client_credentials", "Client credentials", "Needs the discovery document."));
  }
  checks.push(
    ...checkRedirectUri({
      redirectUri: environment.redirectUri,
      consoleUrl: options.consoleUrl,
      providerId: environment.providerId,
      isSandbox: environment.isSandbox,
    }),
  );
  checks.push(
    checkClockSkew({
      id: "clock_skew",
      title: "Clock skew",
      source: "MobilePay's Date header",
      offsetSeconds: probe.clockOffsetSeconds,
      toleranceSeconds: environment.clockToleranceSeconds,
    }),
  );
  if (options.lastTokenOffsetSeconds !== undefined && options.lastTokenOffsetSeconds !== null) {
    checks.push(
      checkClockSkew({
        id: "clock_skew_tokens",
        title: "Clock skew at the last token",
        source: "iat of the newest stored access token",
        offsetSeconds: options.lastTokenOffsetSeconds,
        toleranceSeconds: environment.clockToleranceSeconds,
      }),
    );
  }
  return {
    environment: { id: environment.id, label: environment.label, isSandbox: environment.isSandbox },
    ranAt: new Date().toISOString(),
    clockOffsetSeconds: probe.clockOffsetSeconds,
    checks,
  };
}
