import { z } from "zod";

import { boundedRequest, describeUrl, type FetchLike } from "@/lib/mobilepay/oidc/bounded-request";
import { createStaticKeyResolver } from "@/lib/mobilepay/oidc/key-resolver";

import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

const TITLE = "Signing keys (JWKS)";
const ZJwksShape = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })) });

/**
 * Fetches the key set and imports every key through the same resolver sign-ins use, so "usable" means what it
 * means at the callback: an RSA signing key the console would accept for RS256.
 */
export async function checkJwks(input: { jwksUri: string; fetch?: FetchLike }): Promise<DiagnosticCheck> {
  const source = describeUrl(input.jwksUri);
  let body: unknown;
  try {
    const response = await boundedRequest({
      url: input.jwksUri,
      init: { method: "GET", headers: { accept: "application/json, application/jwk-set+json" } },
      fetch: input.fetch,
      timeoutMs: 5_000,
      maxBodyBytes: 256 * 1024,
    });
    if (response.status !== 200) {
      return diagnosticCheck(
        "jwks",
        TITLE,
        "fail",
        `${source} answered HTTP ${response.status}.`,
        "Check jwks_uri in the discovery document and network access to it.",
      );
    }
    body = JSON.parse(response.bodyText) as unknown;
  } catch (error) {
    return diagnosticCheck(
      "jwks",
      TITLE,
      "fail",
      error instanceof SyntaxError
        ? `${source} did not answer with JSON.`
        : `${source} cannot be fetched: ${error instanceof Error ? error.message : "unknown error"}.`,
      "Without the key set no id_token can be verified, so every link fails at the signature check.",
    );
  }
  const parsed = ZJwksShape.safeParse(body);
  if (!parsed.success) {
    return diagnosticCheck(
      "jwks",
      TITLE,
      "fail",
      `${source} is not a JSON Web Key Set.`,
      "Check jwks_uri in the discovery document.",
    );
  }
  const resolver = createStaticKeyResolver(parsed.data);
  const keys = parsed.data.keys;
  let usable = 0;
  for (const key of keys) {
    // Without a kid the resolver only picks a key when it is the only one, as at the callback.
    const resolved = await resolver.resolve(key.kid, "RS256").catch(() => null);
    if (resolved) usable += 1;
  }
  if (usable === 0) {
    return diagnosticCheck(
      "jwks",
      TITLE,
      "fail",
      `${source} has ${keys.length} key(s), none usable to verify RS256 signatures.`,
      "MobilePay signs id_tokens with RSA keys that have a kid; this key set is not MobilePay's or is broken.",
    );
  }
  return diagnosticCheck(
    "jwks",
    TITLE,
    "pass",
    `${source} has ${usable} RSA key(s) usable for RS256 (of ${keys.length}).`,
  );
}
