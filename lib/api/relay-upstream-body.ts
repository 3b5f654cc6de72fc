import "server-only";

import type { Readable } from "node:stream";

/** How the relay of an answer ended: whole, or why not. */
export type RelayEnd = { keptText: string | null; errorCode: string | null };

export type RelayOptions = {
  /** Bytes passed on at most; past this the answer is cut off and the backend's stream fails. */
  maxBytes: number;
  /** Characters of the answer's beginning kept for the request history. */
  keepChars: number;
  /** The history's name for a failure of the upstream stream: the deadline, or the connection lost. */
  failureCode: (error: unknown) => string;
  /** Called once, when the answer has ended either way. */
  onEnd: (end: RelayEnd) => void;
};

/**
 * Passes MobilePay's answer on to the backend chunk by chunk as it arrives, straight from the
 * connection's stream: no second stream in between, and MobilePay is read no faster than the backend
 * reads. Keeps the first characters for the history and ends with a record in every case (whole, cut
 * off, timed out, connection lost, or the backend gone).
 */
export function relayUpstreamBody(source: Readable, options: RelayOptions): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let kept = "";
  let received = 0;
  let ended = false;
  const end = (errorCode: string | null) => {
    if (ended) return;
    ended = true;
    if (kept.length < options.keepChars) kept += decoder.decode();
    options.onEnd({ keptText: kept === "" ? null : kept.slice(0, options.keepChars), errorCode });
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > options.maxBytes) {
          end("response-too-large");
          source.destroy();
          controller.error(new Error("MobilePay's answer exceeded the proxy's size limit"));
          return;
        }
        if (kept.length < options.keepChars) kept += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.on("end", () => {
        end(null);
        controller.close();
      });
      source.on("error", (error) => {
        end(options.failureCode(error));
        controller.error(error);
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      end("cancelled");
      source.destroy();
    },
  });
}
