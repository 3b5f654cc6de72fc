import { createHash } from "node:crypto";

/** A short, irreversible identifier of a secret, safe to show and log. */
export function fingerprint(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 12);
}
