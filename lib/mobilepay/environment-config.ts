import { z } from "zod";

import type { ServerEnv } from "@/lib/config/env-schema";
import { InvalidEnvironmentError } from "@/lib/config/env-schema";

export type EnvironmentId = "sandbox" | "test" | "production";
export type Product = "invoice" | "subscriptions";

/** One MobilePay environment the console can link merchants in; one next-auth provider each. */
export type MobilePayEnvironment = {
  id: EnvironmentId;
  /** next-auth provider id; also the last segment of the redirect URI. */
  providerId: `mobilepay-${EnvironmentId}`;
  label: string;
  /** Sandboxes may be used by demo staff and expose user simulation; production never. */
  isSandbox: boolean;
  discoveryUrl: string;
  /** Pinned: MobilePay's issuer differs from the hosts that serve discovery. */
  expectedIssuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Hosts that discovered endpoints and API calls may use; tokens never go anywhere else. */
  allowedHosts: string[];
  apiBase: { invoice: string; subscriptions: string };
  /** Sent as `prompt` only when configured (MobilePay documents none). */
  prompt?: string;
  scopesFor: (products: Product[]) => string;
  clockToleranceSeconds: number;
};

export const PRODUCTS: Product[] = ["invoice", "subscriptions"];
export const ZProductSchema = z.enum(["invoice", "subscriptions"]);

function scopesFor(products: Product[]): string {
  return ["openid", "offline_access", ...PRODUCTS.filter((product) => products.includes(product))].join(" ");
}

function hostOf(url: string): string {
  return new URL(url).host;
}

export const ZExternalEnvironmentSchema = z.object({
  DISCOVERY_URL: z.url(),
  ISSUER: z.url().default("https://api.mobilepay.dk/merchant"),
  CLIENT_ID: z.string().min(1),
  CLIENT_SECRET: z.string().min(8),
  REDIRECT_URI: z.url().optional(),
  INVOICE_API_BASE: z.url(),
  SUBSCRIPTIONS_API_BASE: z.url(),
  ALLOWED_HOSTS: z.string().optional(),
  PROMPT: z.enum(["consent", "login", "none"]).optional(),
});

const EXTERNAL: { id: Exclude<EnvironmentId, "sandbox">; prefix: string; label: string; isSandbox: boolean }[] = [
  { id: "test", prefix: "MOBILEPAY_TEST_", label: "MobilePay sandbox", isSandbox: true },
  { id: "production", prefix: "MOBILEPAY_PRODUCTION_", label: "MobilePay production", isSandbox: false },
];

/**
 * The environments this install links merchants in: the built-in sandbox when
 * enabled, and MobilePay's own sandbox and production when their discovery URL
 * is configured (`MOBILEPAY_TEST_*`, `MOBILEPAY_PRODUCTION_*`).
 */
export function environmentsFromConfig(
  env: ServerEnv,
  raw: Record<string, string | undefined>,
): MobilePayEnvironment[] {
  const environments: MobilePayEnvironment[] = [];
  const consoleUrl = env.NEXTAUTH_URL.replace(/\/$/, "");
  if (env.SANDBOX_ENABLED) {
    const base = env.SANDBOX_URL.replace(/\/$/, "");
    environments.push({
      id: "sandbox",
      providerId: "mobilepay-sandbox",
      label: "Built-in sandbox",
      isSandbox: true,
      discoveryUrl: `${base}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
      expectedIssuer: `${base}/merchant`,
      clientId: env.SANDBOX_CLIENT_ID,
      clientSecret: env.SANDBOX_CLIENT_SECRET ?? "",
      redirectUri: `${consoleUrl}/api/auth/callback/mobilepay-sandbox`,
      allowedHosts: [hostOf(base)],
      apiBase: { invoice: `${base}/invoice-restapi`, subscriptions: `${base}/subscriptions` },
      scopesFor,
      clockToleranceSeconds: 10,
    });
  }
  for (const external of EXTERNAL) {
    const values = Object.fromEntries(
      Object.entries(raw)
        .filter(([name, value]) => name.startsWith(external.prefix) && value)
        .map(([name, value]) => [name.slice(external.prefix.length), value]),
    );
    if (!values.DISCOVERY_URL) continue;
    const parsed = ZExternalEnvironmentSchema.safeParse(values);
    if (!parsed.success) {
      throw new InvalidEnvironmentError(
        parsed.error.issues.map((issue) => {
          const name = String(issue.path[0]);
          return `${external.prefix}${name} ${values[name] === undefined ? "is required" : issue.message}`;
        }),
      );
    }
    const config = parsed.data;
    const allowedHosts = config.ALLOWED_HOSTS
      ? config.ALLOWED_HOSTS.split(",").map((host) => host.trim())
      : [
          ...new Set([
            hostOf(config.DISCOVERY_URL),
            hostOf(config.INVOICE_API_BASE),
            hostOf(config.SUBSCRIPTIONS_API_BASE),
            // MobilePay serves authorize on the admin host and token/jwks on the API host.
            hostOf(config.DISCOVERY_URL).replace(/^api\./, "admin."),
          ]),
        ];
    environments.push({
      id: external.id,
      providerId: `mobilepay-${external.id}`,
      label: external.label,
      isSandbox: external.isSandbox,
      discoveryUrl: config.DISCOVERY_URL,
      expectedIssuer: config.ISSUER,
      clientId: config.CLIENT_ID,
      clientSecret: config.CLIENT_SECRET,
      redirectUri: config.REDIRECT_URI ?? `${consoleUrl}/api/auth/callback/mobilepay-${external.id}`,
      allowedHosts,
      apiBase: { invoice: config.INVOICE_API_BASE, subscriptions: config.SUBSCRIPTIONS_API_BASE },
      prompt: config.PROMPT,
      scopesFor,
      clockToleranceSeconds: 10,
    });
  }
  return environments;
}
