import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const ZPersistedSecretsSchema = z.object({
  cookieKeys: z.array(z.string().min(32)).min(1),
  devClientSecret: z.string().min(16),
  devControlToken: z.string().min(16),
});
export type TPersistedSecrets = z.infer<typeof ZPersistedSecretsSchema>;

export const SECRETS_FILE_NAME = "secrets.json";

function freshSecret(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Secrets that must survive a restart (cookie signing keys, so portal and OP sessions stay valid)
 * and the development defaults used when the environment provides none.
 */
export async function loadOrCreatePersistedSecrets(dataDir: string): Promise<TPersistedSecrets> {
  const file = path.join(dataDir, SECRETS_FILE_NAME);
  try {
    return ZPersistedSecretsSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secrets: TPersistedSecrets = {
    cookieKeys: [freshSecret() + freshSecret()],
    devClientSecret: freshSecret(),
    devControlToken: freshSecret(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
