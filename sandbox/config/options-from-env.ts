import path from "node:path";
import { z } from "zod";

import { loadOrCreatePersistedSecrets, SECRETS_FILE_NAME } from "./persisted-secrets";
import { RefreshTokenUsage, type TSandboxOptionsInput, ZSandboxClientSchema } from "./sandbox-options";

const DEFAULT_CLIENT_ID = "mobilepay-link-console";
const DEFAULT_REDIRECT_URI = "http://localhost:3000/api/auth/callback/mobilepay-sandbox";

const ZEnvSchema = z.object({
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_PUBLIC_URL: z.url().optional(),
  SANDBOX_ISSUER: z.url().optional(),
  SANDBOX_DATA_DIR: z.string().min(1).default(".data/sandbox"),
  SANDBOX_CLIENT_ID: z.string().min(1).default(DEFAULT_CLIENT_ID),
  SANDBOX_CLIENT_SECRET: z.string().min(1).optional(),
  SANDBOX_REDIRECT_URIS: z.string().min(1).default(DEFAULT_REDIRECT_URI),
  SANDBOX_REFRESH_MODE: RefreshTokenUsage.default("OneTime"),
  SANDBOX_EXTRA_CLIENTS: z.string().optional(),
  SANDBOX_CONTROL_TOKEN: z.string().min(16).optional(),
  SANDBOX_ACCESS_TOKEN_TTL: z.coerce.number().int().positive().default(300),
  SANDBOX_CALLBACK_TIME_SCALE: z.coerce.number().positive().max(1).optional(),
  SANDBOX_LOG_REQUESTS: z.enum(["0", "1", "true", "false"]).optional(),
});

export interface OptionsFromEnv {
  options: TSandboxOptionsInput;
  /** Human-readable notes about development defaults that were filled in. */
  notices: string[];
}

function emptyStringsAsUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === "" ? undefined : value]));
}

function parseExtraClients(json: string) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error("SANDBOX_EXTRA_CLIENTS is not valid JSON");
  }
  const parsed = z.array(ZSandboxClientSchema).safeParse(value);
  if (!parsed.success) throw new Error(`Invalid SANDBOX_EXTRA_CLIENTS:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export async function optionsFromEnv(env: Record<string, string | undefined>, cwd: string): Promise<OptionsFromEnv> {
  const parsed = ZEnvSchema.safeParse(emptyStringsAsUndefined(env));
  if (!parsed.success) {
    throw new Error(`Invalid sandbox environment:\n${z.prettifyError(parsed.error)}`);
  }
  const vars = parsed.data;
  const dataDir = path.resolve(cwd, vars.SANDBOX_DATA_DIR);
  const secrets = await loadOrCreatePersistedSecrets(dataDir);
  const notices: string[] = [];
  const secretsFile = path.join(dataDir, SECRETS_FILE_NAME);

  if (!vars.SANDBOX_CLIENT_SECRET) {
    notices.push(`SANDBOX_CLIENT_SECRET is not set: using the development secret stored in ${secretsFile}`);
  }
  if (!vars.SANDBOX_CONTROL_TOKEN) {
    notices.push(`SANDBOX_CONTROL_TOKEN is not set: using the development token stored in ${secretsFile}`);
  }

  const primaryClient = {
    clientId: vars.SANDBOX_CLIENT_ID,
    clientSecret: vars.SANDBOX_CLIENT_SECRET ?? secrets.devClientSecret,
    clientName: "MobilePay Link Console",
    redirectUris: vars.SANDBOX_REDIRECT_URIS.split(",")
      .map((uri) => uri.trim())
      .filter(Boolean),
    refreshTokenUsage: vars.SANDBOX_REFRESH_MODE,
  };

  const extraClients = vars.SANDBOX_EXTRA_CLIENTS ? parseExtraClients(vars.SANDBOX_EXTRA_CLIENTS) : [];

  return {
    notices,
    options: {
      host: vars.SANDBOX_HOST,
      port: vars.SANDBOX_PORT,
      publicUrl: vars.SANDBOX_PUBLIC_URL,
      issuer: vars.SANDBOX_ISSUER,
      dataDir,
      clients: [primaryClient, ...extraClients],
      controlToken: vars.SANDBOX_CONTROL_TOKEN ?? secrets.devControlToken,
      accessTokenTtlSeconds: vars.SANDBOX_ACCESS_TOKEN_TTL,
      callbackTimeScale: vars.SANDBOX_CALLBACK_TIME_SCALE,
      logRequests: vars.SANDBOX_LOG_REQUESTS === "1" || vars.SANDBOX_LOG_REQUESTS === "true",
    },
  };
}
