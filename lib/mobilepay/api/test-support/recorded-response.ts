import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { ApiExchange } from "@/lib/mobilepay/api/api-exchange";
import type { FetchLike } from "@/lib/mobilepay/oidc/bounded-request";

/** A response captured from the running sandbox, replayed by unit tests. */
export type RecordedResponse = { status: number; headers: Record<string, string>; body: string | null };

/** Set RECORD_FIXTURES=1 when running the integration tests to refresh the fixture files. */
export function recordFixture(directory: string, name: string, exchange: ApiExchange): void {
  if (process.env.RECORD_FIXTURES !== "1") return;
  const recorded: RecordedResponse = {
    status: exchange.status ?? 0,
    headers: exchange.responseHeaders["content-type"]
      ? { "content-type": exchange.responseHeaders["content-type"] }
      : {},
    body: exchange.responseBody,
  };
  writeFileSync(path.join(directory, `${name}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
}

export function loadFixture(directory: string, name: string): RecordedResponse {
  return JSON.parse(readFileSync(path.join(directory, `${name}.json`), "utf8")) as RecordedResponse;
}

export type CapturedRequest = { url: string; method: string; headers: Headers; body: string | null };

/** A fetch that answers every call with one recorded response and remembers what was sent. */
export function replayFetch(response: RecordedResponse): { fetch: FetchLike; requests: CapturedRequest[] } {
  const requests: CapturedRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    requests.push({
      url: input,
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : null,
    });
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
  return { fetch, requests };
}
