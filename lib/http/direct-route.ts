import "server-only";

import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

import { NextRequest } from "next/server";

import { interceptRequests } from "@/lib/http/intercept-requests";
import { logger } from "@/lib/logger";

/**
 * A route served by this process's HTTP server itself, before Next routes the request: the same route
 * function, given the same NextRequest, without Next's request pipeline around it. `match` takes only
 * what it can serve exactly as Next would (everything else goes on to Next).
 */
export type DirectRoute<Params> = {
  name: string;
  match: (method: string, url: string) => Params | null;
  handle: (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;
};

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD"]);
/** Only pathname and query of a request reach its route, so the origin is a placeholder. */
const PLACEHOLDER_ORIGIN = "http://console.internal";

function requestHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function toNextRequest(incoming: IncomingMessage): NextRequest {
  const method = incoming.method ?? "GET";
  const body = METHODS_WITHOUT_BODY.has(method) ? undefined : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
  return new NextRequest(new URL(incoming.url ?? "/", PLACEHOLDER_ORIGIN), {
    method,
    headers: requestHeaders(incoming),
    body,
    // Required by the fetch standard for a streamed request body.
    ...(body ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

function untilWritable(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

/**
 * Writes a route's Response to the Node response: status and headers go out with the first chunk of the
 * body, the body is read no faster than the client takes it, and a client that goes away cancels it.
 */
async function writeResponse(answer: Response, response: ServerResponse): Promise<void> {
  response.statusCode = answer.status;
  for (const [name, value] of answer.headers) {
    if (name !== "set-cookie") response.setHeader(name, value);
  }
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  if (!answer.body) {
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  const cancel = () => reader.cancel().catch(() => undefined);
  // The client may have gone while the route was still working: the body is then never read.
  if (response.destroyed) {
    await cancel();
    return;
  }
  response.once("close", () => {
    if (!response.writableFinished) void cancel();
  });
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    if (response.destroyed) {
      await cancel();
      return;
    }
    if (!response.write(chunk.value)) await untilWritable(response);
  }
  response.end();
}

async function serve<Params>(
  route: DirectRoute<Params>,
  params: Params,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const answer = await route.handle(toNextRequest(incoming), { params: Promise.resolve(params) });
    await writeResponse(answer, response);
  } catch (error) {
    // The route answers its own failures; this is the stream breaking off or a defect.
    logger.error("direct route failed", { route: route.name, error });
    if (!response.headersSent) {
      response.statusCode = 500;
      response.end();
    } else {
      response.destroy();
    }
  }
}

/**
 * Called once at server start: every HTTP(S) server of this process serves `route` itself and hands
 * every other request on to its own listeners (Next's) as before.
 */
export function serveDirectly<Params>(route: DirectRoute<Params>): void {
  interceptRequests(route.name, (incoming, response) => {
    const params = route.match(incoming.method ?? "GET", incoming.url ?? "");
    if (!params) return false;
    void serve(route, params, incoming, response);
    return true;
  });
}
