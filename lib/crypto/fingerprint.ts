import { hash } from "node:crypto";

/** A short, irreversible identifier of a secret, safe to show and log. */
export function fingerprint(secret: string): string {
  // The one-shot digest skips the Hash object a streaming createHash builds and throws away.
  return hash("sha256", secret, "hex").slice(0, 12);
}
