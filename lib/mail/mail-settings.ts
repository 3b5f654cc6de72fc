import type { ServerEnv } from "@/lib/config/env-schema";

/** Where the console's mail goes out, and from whom. */
export type MailSettings = { url: string; from: string };

/** The configured mail server, or null: then nothing is mailed and admins pass links on by hand. */
export function mailSettings(env: Pick<ServerEnv, "SMTP_URL" | "SMTP_FROM">): MailSettings | null {
  if (!env.SMTP_URL || !env.SMTP_FROM) return null;
  return { url: env.SMTP_URL, from: env.SMTP_FROM };
}
