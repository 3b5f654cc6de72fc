export type LimitedBody = { tooLarge: false; text: string } | { tooLarge: true };

/**
 * Reads a request body as UTF-8 text, stopping as soon as more than `maxBytes` have arrived. The declared
 * Content-Length cannot be relied on (a chunked body declares none), so the count is kept while streaming,
 * and an over-long body is cancelled instead of being held in memory.
 */
export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<LimitedBody> {
  if (!body) return { tooLarge: false, text: "" };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { tooLarge: false, text: text + decoder.decode() };
}
