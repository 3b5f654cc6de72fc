import "server-only";

import { fingerprint } from "@/lib/crypto/fingerprint";

export const MASK = "••••";

/** Header names whose values are credentials; compared in lower case. */
const SECRET_HEADERS = new Set(["authorization", "x-ibm-client-secret", "cookie"]);

/**
 * `Bearer ••••` plus a fingerprint and the length: enough to tell two tokens
 * apart in the inspector, never enough to use or rebuild one.
 */
export function maskCredential(value: string): string {
  const space = value.indexOf(" ");
  const scheme = space > 0 ? value.slice(0, space) : "";
  const secret = space > 0 ? value.slice(space + 1) : value;
  const prefix = scheme ? `${scheme} ` : "";
  return `${prefix}${MASK} (sha256:${fingerprint(secret)}, ${secret.length} chars)`;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? maskCredential(value) : value,
    ]),
  );
}

/** Replaces the values of the named fields anywhere in a JSON value (e.g. a callback password in a request body). */
export function maskJsonFields(value: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => maskJsonFields(item, fields));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, fields.includes(key) ? MASK : maskJsonFields(inner, fields)]),
    );
  }
  return value;
}
