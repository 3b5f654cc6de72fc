import "server-only";

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";

import { processShared } from "@/lib/process-shared";

/** Sees a request before the server's listeners: true when it has answered the request itself. */
export type RequestInterceptor = (request: IncomingMessage, response: ServerResponse) => boolean;

/** The interceptors installed in this process, by name: once each, whichever of Next's bundles asks. */
const installed = processShared("request-interceptors", () => new Set<string>());

/**
 * Makes every HTTP(S) server of this process show each request to `intercept` before its listeners (Next's).
 * Next 16 offers no hook between the socket and its routing, so this is done on the servers' `emit`. An
 * interceptor added later sees requests first; one already installed under `name` is not added again.
 */
export function interceptRequests(name: string, intercept: RequestInterceptor): void {
  if (installed.has(name)) return;
  installed.add(name);
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function emitIntercepted(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request" && intercept(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}
