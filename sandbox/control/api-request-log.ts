import type { IncomingMessage } from "node:http";

import { sendEmpty, sendJson } from "../http/responses";
import type { Router } from "../http/router";
import { bearerTokenOf, isControlToken } from "./control-auth";

/** One request the Invoice or Subscriptions API received, as a test needs it: never a token. */
export interface LoggedApiRequest {
  at: string;
  method: string;
  /** The raw request target's path, before any normalisation. */
  path: string;
  query: string;
  correlationId: string | null;
  contentType: string | null;
  hadAuthorization: boolean;
}

const API_PREFIXES = ["/invoice-restapi/", "/subscriptions/", "/recurringpayments-restapi/"];
const KEPT = 500;

/**
 * The newest API requests the sandbox received, so a test can prove what a client sent, and, as much,
 * what it did not send (a refused proxy trick must leave no trace here).
 */
export class ApiRequestLog {
  private entries: LoggedApiRequest[] = [];

  record(req: IncomingMessage, url: URL): void {
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    if (!API_PREFIXES.some((prefix) => url.pathname.startsWith(prefix) || rawPath.startsWith(prefix))) return;
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : null;
    };
    this.entries.push({
      at: new Date().toISOString(),
      method: req.method ?? "GET",
      path: rawPath,
      query: url.search,
      correlationId: header("correlationid"),
      contentType: header("content-type"),
      hadAuthorization: typeof req.headers.authorization === "string",
    });
    if (this.entries.length > KEPT) this.entries = this.entries.slice(-KEPT);
  }

  list(): LoggedApiRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

/** `GET /control/api-requests` lists the log, `DELETE` empties it; both need the control token. */
export function registerApiRequestLogRoutes(router: Router, log: ApiRequestLog, controlToken: string): void {
  const authorized = (req: IncomingMessage) => isControlToken(bearerTokenOf(req.headers.authorization), controlToken);
  router.on("GET", "/control/api-requests", async ({ req, res }) => {
    if (!authorized(req)) return sendJson(res, 401, { error: "unauthorized" });
    sendJson(res, 200, { requests: log.list() });
  });
  router.on("DELETE", "/control/api-requests", async ({ req, res }) => {
    if (!authorized(req)) return sendJson(res, 401, { error: "unauthorized" });
    log.clear();
    sendEmpty(res, 204);
  });
}
