import type { IncomingMessage, ServerResponse } from "node:http";

export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  path?: string;
  sameSite?: "Lax" | "Strict" | "None";
  httpOnly?: boolean;
}

export function appendSetCookie(res: ServerResponse, name: string, value: string, options: CookieOptions = {}): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? "/"}`,
    `SameSite=${options.sameSite ?? "Lax"}`,
  ];
  if (options.httpOnly ?? true) attributes.push("HttpOnly");
  if (options.maxAgeSeconds !== undefined) attributes.push(`Max-Age=${options.maxAgeSeconds}`);
  const existing = res.getHeader("Set-Cookie");
  const list = Array.isArray(existing) ? existing : typeof existing === "string" ? [existing] : [];
  res.setHeader("Set-Cookie", [...list, attributes.join("; ")]);
}

export function expireCookie(res: ServerResponse, name: string, path = "/"): void {
  appendSetCookie(res, name, "", { maxAgeSeconds: 0, path });
}
