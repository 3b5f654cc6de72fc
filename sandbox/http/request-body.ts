import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBodyText(req));
}

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; reason: "empty" | "malformed" };

export async function readJsonBody(req: IncomingMessage): Promise<JsonBodyResult> {
  const text = await readBodyText(req);
  if (text.trim().length === 0) return { ok: false, reason: "empty" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
