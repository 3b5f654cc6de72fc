import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { relayUpstreamBody, type RelayEnd } from "@/lib/api/relay-upstream-body";
import { closeUpstreamPools, sendUpstream, type UpstreamRequest } from "@/lib/api/upstream-pool";

type Seen = { authorization: string | undefined; socket: string; path: string };

/** A stand-in for MobilePay that notes which connection each call came on and with which token. */
let server: Server;
let base: URL;
let seen: Seen[] = [];
const stalled: ServerResponse[] = [];

function answer(request: IncomingMessage, response: ServerResponse): void {
  seen.push({
    authorization: request.headers.authorization,
    socket: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
    path: request.url ?? "",
  });
  if (request.url === "/api/redirect") {
    response.writeHead(302, { location: "http://evil.example/steal" }).end();
  } else if (request.url === "/api/silent") {
    stalled.push(response);
  } else if (request.url === "/api/half") {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"Partial":');
    stalled.push(response);
  } else if (request.url === "/api/large") {
    response.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(5_000));
  } else {
    response
      .writeHead(200, { "content-type": "application/json", "set-cookie": "gateway=1" })
      .end(JSON.stringify({ token: request.headers.authorization }));
  }
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

beforeEach(() => {
  seen = [];
});

afterAll(async () => {
  for (const response of stalled) response.destroy();
  await closeUpstreamPools();
  await new Promise((resolve) => server.close(resolve));
});

function call(path: string, overrides: Partial<UpstreamRequest> = {}) {
  return sendUpstream({
    target: new URL(path, base),
    method: "GET",
    headers: {},
    body: undefined,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    ...overrides,
  });
}

async function relayed(path: string, options: { maxBytes?: number; signal?: AbortSignal } = {}) {
  const upstream = await call(path, options.signal ? { signal: options.signal } : {});
  let ended: RelayEnd | undefined;
  const stream = relayUpstreamBody(upstream.body, {
    maxBytes: options.maxBytes ?? 1_000_000,
    keepChars: 100,
    failureCode: () => (options.signal?.aborted ? "timeout" : "network"),
    onEnd: (end) => {
      ended = end;
    },
  });
  const text = await new Response(stream).text().then(
    (body) => ({ body }),
    (error: unknown) => ({ error }),
  );
  return { text, ended: () => ended };
}

describe("calls to MobilePay over a pooled connection", () => {
  it("reuses its connections for calls in a row, each carrying only its own token", async () => {
    const tokens = ["Bearer merchant-a", "Bearer merchant-b", "Bearer merchant-a", "Bearer merchant-c"];
    for (const token of [...tokens, ...tokens]) {
      const upstream = await call("/api/me", { headers: { authorization: token } });
      expect(await upstream.body.json()).toEqual({ token });
    }
    const untokened = await call("/api/me");
    expect(await untokened.body.json()).toEqual({});
    expect(seen.map((one) => one.authorization)).toEqual([...tokens, ...tokens, undefined]);
    // A connection is free again a moment after its answer ended, so a call in a row may open a second one.
    expect(new Set(seen.map((one) => one.socket)).size).toBeLessThanOrEqual(2);
  });

  it("hands a redirect back as it came, without following it", async () => {
    const upstream = await call("/api/redirect", { headers: { authorization: "Bearer merchant-a" } });
    expect(upstream.statusCode).toBe(302);
    expect(upstream.headers.location).toBe("http://evil.example/steal");
    await upstream.body.dump();
    expect(seen.map((one) => one.path)).toEqual(["/api/redirect"]);
  });

  it("gives up when no answer comes before the deadline", async () => {
    const deadline = new AbortController();
    const pending = call("/api/silent", { signal: deadline.signal });
    await expect.poll(() => seen.length).toBe(1);
    deadline.abort();
    await expect(pending).rejects.toThrow();
  });

  it("ends the relay as timed out when the deadline passes mid-body, and records it", async () => {
    const deadline = new AbortController();
    const relay = relayed("/api/half", { signal: deadline.signal });
    await expect.poll(() => seen.length).toBe(1);
    deadline.abort();
    const { text, ended } = await relay;
    expect(text).toHaveProperty("error");
    expect(ended()).toEqual({ keptText: '{"Partial":', errorCode: "timeout" });
  });

  it("passes a whole answer through and keeps its beginning for the history", async () => {
    const { text, ended } = await relayed("/api/large");
    expect(text).toEqual({ body: "x".repeat(5_000) });
    expect(ended()).toEqual({ keptText: "x".repeat(100), errorCode: null });
  });

  it("cuts off an answer past the size limit", async () => {
    const { text, ended } = await relayed("/api/large", { maxBytes: 1_000 });
    expect(text).toHaveProperty("error");
    expect(ended()?.errorCode).toBe("response-too-large");
  });
});
