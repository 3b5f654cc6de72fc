/**
 * A body as read: its text and byte count, and whether the stream broke off (the sender went away
 * mid-body); or that it was over the limit.
 */
export type LimitedBody = { tooLarge: false; text: string; bytes: number; brokenOff: boolean } | { tooLarge: true };

/**
 * Reads a request body as UTF-8 text, stopping as soon as more than `maxBytes` have arrived. The declared
 * Content-Length cannot be relied on (a chunked body declares none), so the count is kept while streaming,
 * and an over-long body is cancelled instead of being held in memory. A sender that hangs up mid-body is
 * not an error of ours: what arrived is returned, marked as broken off.
 */
export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<LimitedBody> {
  if (!body) return { tooLarge: false, text: "", bytes: 0, brokenOff: false };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { tooLarge: false, text: text + decoder.decode(), bytes: received, brokenOff: true };
    }
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { tooLarge: false, text: text + decoder.decode(), bytes: received, brokenOff: false };
}
