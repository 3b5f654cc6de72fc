import { randomBytes } from "node:crypto";

import type { SandboxInfo } from "./sandbox-info";

/**
 * The variables a console process reads, pointing at a bench database and a bench sandbox. The redirect URI
 * the sandbox's console client accepts is derived from NEXTAUTH_URL, so in-process benchmarks keep port 3000.
 */
export function consoleEnv(options: { databaseUrl: string; sandbox: SandboxInfo; consoleUrl?: string }) {
  return {
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: options.consoleUrl ?? "http://localhost:3000",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    SANDBOX_ENABLED: "true",
    SANDBOX_URL: options.sandbox.url,
    SANDBOX_CLIENT_ID: options.sandbox.client.clientId,
    SANDBOX_CLIENT_SECRET: options.sandbox.client.clientSecret,
    SANDBOX_CONTROL_TOKEN: options.sandbox.controlToken,
    KEEPALIVE_ENABLED: "false",
    LOG_LEVEL: "error",
    NEXT_TELEMETRY_DISABLED: "1",
  } satisfies Record<string, string>;
}

export type ConsoleEnv = ReturnType<typeof consoleEnv>;

/** The console reads its configuration once, so this must run before any console module is imported. */
export function applyConsoleEnv(env: ConsoleEnv): void {
  Object.assign(process.env, { NODE_ENV: "test" }, env);
}
