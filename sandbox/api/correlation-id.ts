import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** MobilePay echoes the optional CorrelationId header in error bodies, or makes one up. */
export function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers.correlationid;
  return typeof given === "string" && GUID.test(given) ? given : randomUUID();
}
