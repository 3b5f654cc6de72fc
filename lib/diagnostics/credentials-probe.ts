import "server-only";

import { randomBytes } from "node:crypto";

import type { FetchLike } from "@/lib/mobilepay/oidc/bounded-request";
import { exchangeCode, TokenEndpointError } from "@/lib/mobilepay/oidc/token-endpoint-client";

import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

const TITLE = "Client credentials";

/**
 * Asks the token endpoint to redeem a code that was never issued. The OP authenticates the client before it looks
 * at the code, so "invalid_grant" proves the credentials are right and "invalid_client" that they are wrong, while
 * no grant anywhere changes.
 */
export async function probeClientCredentials(input: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch?: FetchLike;
}): Promise<DiagnosticCheck> {
  try {
    await exchangeCode({
      tokenEndpoint: input.tokenEndpoint,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      redirectUri: input.redirectUri,
      code: `console-diagnostics-${randomBytes(16).toString("hex")}`,
      codeVerifier: randomBytes(32).toString("base64url"),
      ...(input.fetch ? { fetch: input.fetch } : {}),
      timeoutMs: 5_000,
    });
    return diagnosticCheck(
      "client_credentials",
      TITLE,
      "warn",
      "The token endpoint issued tokens for a code that was never issued.",
      "This OP does not validate authorization codes; do not link production merchants through it.",
    );
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) {
      return diagnosticCheck(
        "client_credentials",
        TITLE,
        "fail",
        "The credentials probe failed unexpectedly.",
        "Run the check again.",
      );
    }
    if (error.oauthError === "invalid_grant") {
      return diagnosticCheck(
        "client_credentials",
        TITLE,
        "pass",
        `The client id ${input.clientId} and its secret are accepted (the invented code was refused with invalid_grant, as it should be).`,
      );
    }
    if (error.oauthError === "invalid_client" || (error.status === 401 && error.oauthError === undefined)) {
      return diagnosticCheck(
        "client_credentials",
        TITLE,
        "fail",
        `The token endpoint rejected client ${input.clientId}: ${error.reason}.`,
        "Use the client id and secret from the zip file MobilePay sent (not the x-ibm-client-id from the developer portal), for this environment.",
      );
    }
    if (error.oauthError === "unauthorized_client") {
      return diagnosticCheck(
        "client_credentials",
        TITLE,
        "fail",
        `Client ${input.clientId} may not use the authorization_code grant: ${error.reason}.`,
        "Ask MobilePay developer support to enable the hybrid flow for this client.",
      );
    }
    if (error.kind === "transient") {
      return diagnosticCheck(
        "client_credentials",
        TITLE,
        "fail",
        `The token endpoint could not be asked: ${error.reason}.`,
        "Check network access from this server to the token endpoint.",
      );
    }
    return diagnosticCheck(
      "client_credentials",
      TITLE,
      "warn",
      `The token endpoint answered in a way that does not prove the credentials either way: ${error.reason}.`,
      "Run a test link in this environment to confirm.",
    );
  }
}
