import { z } from "zod";

import { DEFAULT_DATABASE_URL } from "@/lib/db/database-url";
import { parseTrustedProxy, type TrustedProxy } from "@/lib/config/trusted-proxy";

const commaList = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/** `kid:base64key,kid:base64key` — the first key encrypts, all of them decrypt. */
const encryptionKeyring = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const keys: { id: string; key: Buffer }[] = [];
    for (const entry of value.split(",").map((part) => part.trim())) {
      const separator = entry.indexOf(":");
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), "base64");
      if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        ctx.addIssue({ code: "custom", message: "each entry must be kid:base64key with a short [A-Za-z0-9_-] kid" });
        return z.NEVER;
      }
      if (key.length !== 32) {
        ctx.addIssue({ code: "custom", message: `key "${id}" must be 32 bytes (base64), got ${key.length}` });
        return z.NEVER;
      }
      if (keys.some((known) => known.id === id)) {
        ctx.addIssue({ code: "custom", message: `key id "${id}" appears twice` });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    return keys;
  });

/** `10.0.0.0/8,192.0.2.1` — the proxies whose X-Forwarded-For entries are believed. */
const trustedProxyList = z.string().transform((value, ctx) => {
  const proxies: TrustedProxy[] = [];
  for (const entry of commaList(value)) {
    const proxy = parseTrustedProxy(entry);
    if (!proxy) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR network` });
      return z.NEVER;
    }
    proxies.push(proxy);
  }
  return proxies;
});

/** `example.com,example.dk` — lower-cased, without a leading @. */
const emailDomainList = z.string().transform((value, ctx) => {
  const domains = commaList(value).map((domain) => domain.replace(/^@/, "").toLowerCase());
  for (const domain of domains) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
      ctx.addIssue({ code: "custom", message: `"${domain}" is not an email domain` });
      return z.NEVER;
    }
  }
  return domains;
});

/** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465` (TLS from the start). */
const smtpUrl = z
  .url()
  .refine((value) => /^smtps?:$/.test(new URL(value).protocol), "must start with smtp:// or smtps://");

/** `console@example.com` or `MobilePay Link Console <console@example.com>`. */
const mailSender = z
  .string()
  .max(200)
  .regex(
    /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/,
    "must be an email address, optionally as Name <address>",
  );

/** `console-admins=admin,billing=integrator` — which claim value gives which role (roles are checked in lib/auth). */
const claimRoleMap = z.string().transform((value, ctx) => {
  const entries: { claimValue: string; roleName: string }[] = [];
  for (const entry of commaList(value)) {
    const separator = entry.lastIndexOf("=");
    const claimValue = entry.slice(0, separator).trim();
    const roleName = entry.slice(separator + 1).trim();
    if (separator < 1 || !claimValue || !/^[a-z]+$/.test(roleName)) {
      ctx.addIssue({ code: "custom", message: `"${entry}" must be claim-value=role` });
      return z.NEVER;
    }
    entries.push({ claimValue, roleName });
  }
  return entries;
});

export const ZServerEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default(DEFAULT_DATABASE_URL),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  TOKEN_ENCRYPTION_KEYS: encryptionKeyring,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Reverse proxies in front of the console; none by default, so forwarded headers are not believed. */
  TRUSTED_PROXIES: trustedProxyList.default([]),
  /** Refresh an access token when less than this is left of it. */
  TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(240).default(60),
  /** The keep-alive job refreshes links not refreshed for this long, so refresh tokens never lapse. */
  KEEPALIVE_ENABLED: booleanFlag.default(true),
  KEEPALIVE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  KEEPALIVE_REFRESH_AFTER_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24 * 7),
  KEEPALIVE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Refreshes the keep-alive job runs at once; MobilePay's token endpoint is the limit. */
  KEEPALIVE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** The built-in sandbox environment; on by default, off for a production install that does not want it. */
  SANDBOX_ENABLED: booleanFlag.optional(),
  SANDBOX_URL: z.url().default("http://127.0.0.1:4010"),
  SANDBOX_CLIENT_ID: z.string().min(1).default("mobilepay-link-console"),
  SANDBOX_CLIENT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  SANDBOX_CONTROL_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Company single sign-on for staff through any OpenID Connect provider with discovery. */
  STAFF_SSO_ISSUER: z.url().optional(),
  STAFF_SSO_CLIENT_ID: z.string().min(1).optional(),
  STAFF_SSO_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button's words, e.g. "Contoso (Entra ID)". */
  STAFF_SSO_LABEL: z.string().min(1).max(60).default("company single sign-on"),
  /** Space-separated; a provider that sends roles under their own scope (e.g. "groups") needs it here. */
  STAFF_SSO_SCOPES: z.string().min(1).default("openid email profile"),
  /** Entra ID sends no email_verified claim; switch this off only for a provider that owns its users' emails. */
  STAFF_SSO_REQUIRE_VERIFIED_EMAIL: booleanFlag.default(true),
  /** Comma-separated email domains whose staff are created at their first SSO sign-in, with the support role. */
  STAFF_SSO_AUTO_CREATE_DOMAINS: emailDomainList.default([]),
  /** The claim that names a staff member's groups or roles, e.g. "groups" or "roles". */
  STAFF_SSO_ROLE_CLAIM: z.string().min(1).optional(),
  /** `claim-value=role,…`, e.g. `console-admins=admin,billing=integrator`. */
  STAFF_SSO_ROLE_MAP: claimRoleMap.default([]),
  /** Off once SSO works: the password form and its endpoint are gone. */
  STAFF_PASSWORD_SIGN_IN: booleanFlag.default(true),
  /** Admins who sign in with a password must have a second factor; on by default in production. */
  STAFF_ADMIN_SECOND_FACTOR: booleanFlag.optional(),
  /** The mail server that sends password reset links; without it an admin passes every link on by hand. */
  SMTP_URL: smtpUrl.optional(),
  /** The sender of the console's mail. */
  SMTP_FROM: mailSender.optional(),
  /** Requests one API key may make per minute, across all instances. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Instances behind the load balancer: each counts in its own memory and allows its share of the limit. */
  API_INSTANCE_COUNT: z.coerce.number().int().min(1).max(1_000).default(1),
  /** Every instance delivers webhook events from the outbox (off only in tests that drive delivery themselves). */
  WEBHOOK_DELIVERY_ENABLED: booleanFlag.default(true),
  /** How often an instance looks for webhook deliveries that are due. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /**
   * Lets webhook endpoints be plain-http loopback receivers (127.0.0.1, ::1, localhost), for development and
   * tests only: it never opens private, link-local or metadata addresses.
   */
  WEBHOOK_ALLOW_LOOPBACK: booleanFlag.default(false),
  /** Days a delivered webhook message and its attempts are kept (the endpoint pages and replay reach this far). */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days a message whose retries ran out is kept for replay (at least WEBHOOK_RETENTION_DAYS). */
  WEBHOOK_FAILED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** The bearer token Prometheus sends to GET /api/metrics; without it the endpoint does not exist. */
  METRICS_BEARER_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
});

export type ServerEnv = Omit<z.infer<typeof ZServerEnvSchema>, "SANDBOX_ENABLED"> & { SANDBOX_ENABLED: boolean };

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Validates raw variables; every problem names the variable it is about. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // An empty value means "not set", as in a copied .env.example.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = ZServerEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        const message =
          issue.code === "invalid_type" && cleaned[variable] === undefined ? "is required" : issue.message;
        return `${variable} ${message}`;
      }),
    );
  }
  // The built-in sandbox is on for development and demos, opt-in for production.
  const env = { ...result.data, SANDBOX_ENABLED: result.data.SANDBOX_ENABLED ?? result.data.NODE_ENV !== "production" };
  if (env.SANDBOX_ENABLED && (!env.SANDBOX_CLIENT_SECRET || !env.SANDBOX_CONTROL_TOKEN)) {
    throw new InvalidEnvironmentError([
      "SANDBOX_CLIENT_SECRET and SANDBOX_CONTROL_TOKEN are required while SANDBOX_ENABLED is true",
    ]);
  }
  const ssoParts = [env.STAFF_SSO_ISSUER, env.STAFF_SSO_CLIENT_ID, env.STAFF_SSO_CLIENT_SECRET];
  if (ssoParts.some(Boolean) && !ssoParts.every(Boolean)) {
    throw new InvalidEnvironmentError([
      "STAFF_SSO_ISSUER, STAFF_SSO_CLIENT_ID and STAFF_SSO_CLIENT_SECRET are set together or not at all",
    ]);
  }
  if (!env.STAFF_PASSWORD_SIGN_IN && !env.STAFF_SSO_ISSUER) {
    throw new InvalidEnvironmentError(["STAFF_PASSWORD_SIGN_IN can be false only while STAFF_SSO_ISSUER is set"]);
  }
  if (Boolean(env.SMTP_URL) !== Boolean(env.SMTP_FROM)) {
    throw new InvalidEnvironmentError(["SMTP_URL and SMTP_FROM are set together or not at all"]);
  }
  if (env.WEBHOOK_FAILED_RETENTION_DAYS < env.WEBHOOK_RETENTION_DAYS) {
    throw new InvalidEnvironmentError([
      "WEBHOOK_FAILED_RETENTION_DAYS must be at least WEBHOOK_RETENTION_DAYS: failed messages are kept longer",
    ]);
  }
  if (env.NODE_ENV === "production" && !isSecureOrLocal(env.NEXTAUTH_URL)) {
    throw new InvalidEnvironmentError([
      "NEXTAUTH_URL must be https:// in production (http is accepted only for localhost)",
    ]);
  }
  return env;
}

function isSecureOrLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "https:" || parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1";
}
