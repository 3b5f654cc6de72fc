import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Secrets a development or demo install generates for itself, once, and then
 * keeps: regenerating the encryption key would orphan every stored token set.
 * Production never reads this file; it must be given real secrets.
 */
export type DevSecrets = {
  nextAuthSecret: string;
  tokenEncryptionKeys: string;
  sandboxClientSecret: string;
  sandboxControlToken: string;
};

export const DEV_SECRETS_FILE = path.join(".data", "dev-secrets.json");

function generate(): DevSecrets {
  return {
    nextAuthSecret: randomBytes(32).toString("base64url"),
    tokenEncryptionKeys: `dev1:${randomBytes(32).toString("base64")}`,
    sandboxClientSecret: randomBytes(24).toString("base64url"),
    sandboxControlToken: randomBytes(24).toString("base64url"),
  };
}

export function loadOrCreateDevSecrets(root: string = process.cwd()): DevSecrets {
  const file = path.join(root, DEV_SECRETS_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>;
    // A file from an older version may lack newer entries: add them, keep the rest.
    const complete = { ...generate(), ...stored };
    if (Object.keys(stored).length !== Object.keys(complete).length) {
      writeFileSync(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
    }
    return complete;
  }
  const secrets = generate();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}

/** The environment variables the dev secrets stand in for, for child processes. */
export function devSecretsAsEnv(secrets: DevSecrets): Record<string, string> {
  return {
    NEXTAUTH_SECRET: secrets.nextAuthSecret,
    TOKEN_ENCRYPTION_KEYS: secrets.tokenEncryptionKeys,
    SANDBOX_CLIENT_SECRET: secrets.sandboxClientSecret,
    SANDBOX_CONTROL_TOKEN: secrets.sandboxControlToken,
  };
}
