import { describe, expect, it } from "vitest";

import { readLimitedBody } from "@/lib/http/read-limited-body";

/** A body that arrives in chunks and declares no length, as a chunked request does; it counts what was pulled. */
function chunkedBody(chunks: Uint8Array[]) {
  const pulled = { chunks: 0, cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (!chunk) return controller.close();
      pulled.chunks += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { stream, pulled };
}

const bytes = (count: number) => new Uint8Array(count).fill(0x61);

describe("reading a body with a size limit", () => {
  it("reads a body within the limit, multi-byte characters split across chunks included", async () => {
    const encoded = new TextEncoder().encode('{"name":"Ærø 😀"}');
    const { stream } = chunkedBody([encoded.slice(0, 10), encoded.slice(10, 11), encoded.slice(11)]);
    expect(await readLimitedBody(stream, encoded.byteLength)).toEqual({
      tooLarge: false,
      text: '{"name":"Ærø 😀"}',
      bytes: encoded.byteLength,
      brokenOff: false,
    });
  });

  it("stops a chunked body at the first chunk past the limit and cancels the rest", async () => {
    const { stream, pulled } = chunkedBody(Array.from({ length: 100 }, () => bytes(1_000)));
    expect(await readLimitedBody(stream, 2_500)).toEqual({ tooLarge: true });
    expect(pulled.chunks).toBeLessThanOrEqual(4);
    expect(pulled.cancelled).toBe(true);
  });

  it("counts bytes, not characters", async () => {
    const { stream } = chunkedBody([new TextEncoder().encode("æææ")]);
    expect(await readLimitedBody(stream, 5)).toEqual({ tooLarge: true });
  });

  it("reads no body as empty text", async () => {
    expect(await readLimitedBody(null, 10)).toEqual({ tooLarge: false, text: "", bytes: 0, brokenOff: false });
  });

  it("returns what arrived, marked broken off, when the sender hangs up mid-body", async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        sent = true;
        controller.enqueue(new TextEncoder().encode('[{"InvoiceId":"i-1",'));
      },
    });
    expect(await readLimitedBody(stream, 1_000)).toEqual({
      tooLarge: false,
      text: '[{"InvoiceId":"i-1",',
      bytes: 20,
      brokenOff: true,
    });
  });
});
