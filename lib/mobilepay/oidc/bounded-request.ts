/** The subset of the WHATWG fetch signature this library calls, so tests can pass a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type BoundedRequestFailureKind = "timeout" | "network" | "too_large";

/** A request that never produced a complete, size-limited body. Messages name the URL only, never the payload. */
export class BoundedRequestError extends Error {
  constructor(
    readonly kind: BoundedRequestFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "BoundedRequestError";
  }
}

export type BoundedResponse = {
  status: number;
  headers: Headers;
  bodyText: string;
  durationMs: number;
};

export type BoundedRequestOptions = {
  url: string;
  init: RequestInit;
  fetch?: FetchLike;
  timeoutMs: number;
  maxBodyBytes: number;
};

/** Where the URL is worth naming in a message, only its origin and path: a query string might carry a credential. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/**
 * Runs one HTTP request under a single deadline that also covers reading the body, and stops reading as soon as
 * the body passes maxBodyBytes, so a slow or hostile endpoint can neither hang a sign-in nor exhaust memory.
 */
export async function boundedRequest(options: BoundedRequestOptions): Promise<BoundedResponse> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const startedAt = performance.now();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const target = describeUrl(options.url);
  try {
    let response: Response;
    try {
      response = await fetchImpl(options.url, { ...options.init, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) {
        throw new BoundedRequestError("timeout", `No answer from ${target} within ${options.timeoutMs} ms`);
      }
      throw new BoundedRequestError("network", `Could not reach ${target}: ${networkCause(error)}`);
    }
    const bodyText = await readCappedText(response, options.maxBodyBytes, target, controller.signal, options.timeoutMs);
    return {
      status: response.status,
      headers: response.headers,
      bodyText,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readCappedText(
  response: Response,
  maxBodyBytes: number,
  target: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const declaredLength = Number(response.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(target, maxBodyBytes, response.status);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  // A real fetch ties the body to the signal, but a body that ignores it must still not outlive the deadline.
  const stopReading = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener("abort", stopReading, { once: true });
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) {
        throw new BoundedRequestError("timeout", `${target} did not finish its answer within ${timeoutMs} ms`);
      }
      if (done) break;
      received += value.byteLength;
      if (received > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(target, maxBodyBytes, response.status);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BoundedRequestError) throw error;
    if (signal.aborted) {
      throw new BoundedRequestError("timeout", `${target} did not finish its answer within ${timeoutMs} ms`);
    }
    throw new BoundedRequestError("network", `The answer from ${target} broke off: ${networkCause(error)}`);
  } finally {
    signal.removeEventListener("abort", stopReading);
  }
  return new TextDecoder().decode(concatenate(chunks, received));
}

function tooLarge(target: string, maxBodyBytes: number, status: number): BoundedRequestError {
  return new BoundedRequestError("too_large", `The answer from ${target} is larger than ${maxBodyBytes} bytes`, status);
}

function concatenate(chunks: Uint8Array[], totalLength: number): Uint8Array {
  const joined = new Uint8Array(totalLength);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function networkCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: unknown }).code;
      return typeof code === "string" ? code : cause.message;
    }
    return error.message;
  }
  return "unknown network error";
}

/** Parses an HTTP Date header; the OP's clock is what id_token times are measured against. */
export function parseDateHeader(headers: Headers): Date | undefined {
  const raw = headers.get("date");
  if (raw === null) return undefined;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
