import "server-only";

import type { EnvironmentId } from "@/lib/mobilepay/environment-config";

export type GatewayCredentials = { clientId: string; clientSecret: string };

const PREFIX: Record<Exclude<EnvironmentId, "sandbox">, string> = {
  test: "MOBILEPAY_TEST_",
  production: "MOBILEPAY_PRODUCTION_",
};

/**
 * The legacy `x-ibm-client-id`/`x-ibm-client-secret` pair MobilePay's gateway
 * wanted until late 2022, sent only when both are configured. The built-in
 * sandbox never gets them: they belong to MobilePay alone.
 */
export function gatewayCredentialsFor(
  environment: EnvironmentId,
  source: Record<string, string | undefined> = process.env,
): GatewayCredentials | undefined {
  if (environment === "sandbox") return undefined;
  const prefix = PREFIX[environment];
  const clientId = source[`${prefix}IBM_CLIENT_ID`]?.trim();
  const clientSecret = source[`${prefix}IBM_CLIENT_SECRET`]?.trim();
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}
