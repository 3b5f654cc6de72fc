import http from "node:http";
import type { AddressInfo } from "node:net";
import type net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { serveDirectly } from "./direct-route";

type Params = { name: string };

let cancelled: () => void = () => undefined;
const streamCancelled = new Promise<void>((resolve) => (cancelled = resolve));
let lateCancelled: () => void = () => undefined;
const lateStreamCancelled = new Promise<void>((resolve) => (lateCancelled = resolve));
let lateEntered: () => void = () => undefined;
const lateRequestArrived = new Promise<void>((resolve) => (lateEntered = resolve));
let releaseLate: () => void = () => undefined;
const lateReleased = new Promise<void>((resolve) => (releaseLate = resolve));

serveDirectly<Params>({
  name: "test",
  match: (method, url) => {
    const name = /^\/direct\/(\w+)(\?|$)/.exec(url)?.[1];
    return name && method !== "OPTIONS" ? { name } : null;
  },
  handle: async (request, { params }) => {
    const { name } = await params;
    if (name === "fails") throw new Error("defect");
    if (name === "late") {
      lateEntered();
      await lateReleased;
      return new Response(new ReadableStream({ cancel: () => lateCancelled() }));
    }
    if (name === "endless") {
      return new Response(
        new ReadableStream({
          pull: (controller) => controller.enqueue(new Uint8Array(16_384)),
          cancel: () => cancelled(),
        }),
      );
    }
    const headers = new Headers({ "content-type": "text/plain", "x-route": name });
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    const text = `${request.method} ${request.nextUrl.pathname}${request.nextUrl.search} ${await request.text()}`;
    const encoder = new TextEncoder();
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode(text));
          controller.enqueue(encoder.encode(" (second chunk)"));
          controller.close();
        },
      }),
      { status: 201, headers },
    );
  },
});

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((_request, response) => response.end("served by the listeners"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("a route served before the server's listeners", () => {
  it("gets the request as a NextRequest and answers with its status, headers, cookies and streamed body", async () => {
    const response = await fetch(`${base}/direct/hello?x=1&y=%20`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-route")).toBe("hello");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.text()).toBe("GET /direct/hello?x=1&y=%20  (second chunk)");
  });

  it("gets the request body", async () => {
    const response = await fetch(`${base}/direct/body`, { method: "POST", body: "the body" });
    expect(await response.text()).toBe("POST /direct/body the body (second chunk)");
  });

  it("leaves every request it does not match to the listeners", async () => {
    expect(await (await fetch(`${base}/elsewhere`)).text()).toBe("served by the listeners");
    expect(await (await fetch(`${base}/direct/hello`, { method: "OPTIONS" })).text()).toBe("served by the listeners");
  });

  it("answers 500 when the route fails instead of answering", async () => {
    const response = await fetch(`${base}/direct/fails`);
    expect(response.status).toBe(500);
  });

  it("cancels the body when the client goes away", async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/direct/endless`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(streamCancelled).resolves.toBeUndefined();
  });

  it("cancels the body of an answer that comes after the client went away", async () => {
    const connected = new Promise<net.Socket>((resolve) => server.once("connection", resolve));
    const request = http.get(`${base}/direct/late`, { agent: false });
    request.on("error", () => undefined);
    const socket = await connected;
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await lateRequestArrived;
    request.destroy();
    await closed;
    releaseLate();
    await expect(lateStreamCancelled).resolves.toBeUndefined();
  });
});
