import "server-only";

import { devSecretsAsEnv, loadOrCreateDevSecrets } from "@/lib/config/dev-secrets";
import { parseServerEnv, type ServerEnv } from "@/lib/config/env-schema";

let cached: ServerEnv | undefined;

/**
 * The validated configuration, read once. Outside production, secrets that are
 * not given are generated once into the git-ignored data folder and reused.
 */
export function getEnv(): ServerEnv {
  if (cached) return cached;
  const source: Record<string, string | undefined> = { ...process.env };
  if (source.NODE_ENV !== "production") {
    for (const [name, value] of Object.entries(devSecretsAsEnv(loadOrCreateDevSecrets()))) {
      source[name] ||= value;
    }
  }
  cached = parseServerEnv(source);
  return cached;
}
