import type { IncomingMessage, ServerResponse } from "node:http";

import type { FaultState } from "../faults/fault-state";
import type { TokenEndpointCounters } from "../faults/token-endpoint-counters";
import { readFormBody } from "../http/request-body";
import { sendJson } from "../http/responses";

/** A "timed out" token request (or a held answer) is held this long at most, then its connection is dropped. */
const MAX_HOLD_MS = 120_000;

function clientIdOf(req: IncomingMessage, form: URLSearchParams): string {
  const bodyClientId = form.get("client_id");
  if (bodyClientId) return bodyClientId;
  const authorization = req.headers.authorization ?? "";
  if (!authorization.toLowerCase().startsWith("basic ")) return "unknown";
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  return separator > 0 ? decodeURIComponent(decoded.slice(0, separator)) : "unknown";
}

/** Holds a request's answer until the client disconnects, or drops the connection after MAX_HOLD_MS. */
export function holdUntilClientGivesUp(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.socket?.destroy();
      resolve();
    }, MAX_HOLD_MS);
    timer.unref();
    res.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Serves an armed token endpoint fault instead of oidc-provider, without touching any grant or
 * token: the faulted request is answered before the provider reads it.
 * Returns false when no fault is armed and the request should go on to the provider.
 */
export async function serveTokenEndpointFault(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultState,
  counters: TokenEndpointCounters,
): Promise<boolean> {
  const fault = faults.takeTokenEndpointFault();
  if (!fault) return false;

  const form = await readFormBody(req);
  counters.record(clientIdOf(req, form), form.get("grant_type") ?? undefined, "injected-fault");
  if (fault.mode === "timeout") {
    await holdUntilClientGivesUp(res);
  } else if (fault.mode === "invalid-grant") {
    sendJson(res, 400, { error: "invalid_grant" });
  } else {
    // What a gateway in front of the token service answers when the service is down.
    sendJson(res, fault.status, { error: "server_error" });
  }
  return true;
}
