import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function isControlToken(candidate: string | null | undefined, expected: string): boolean {
  if (!candidate) return false;
  return timingSafeEqual(digest(candidate), digest(expected));
}

export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  return match?.[1]?.trim();
}
