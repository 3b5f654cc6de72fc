import "server-only";

import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

import { interceptRequests } from "@/lib/http/intercept-requests";
import { processShared } from "@/lib/process-shared";

/**
 * The address of the machine at the other end of a request's connection. Next 16 gives route handlers and
 * its proxy only the request's headers: the socket is out of reach, and `next start` fills
 * `X-Forwarded-For` with the socket's address only when the client sent none, so a client can name any
 * address it likes there. So this process stamps every request it receives, before Next sees it, with the
 * socket's address and a proof that only this process knows; a header without the proof (sent by a client,
 * or received before the stamp was in place) is ignored.
 */
export const PEER_ADDRESS_HEADER = "x-console-peer-address";
export const PEER_PROOF_HEADER = "x-console-peer-proof";

// Next bundles instrumentation and routes apart; the proof is one per process, whichever asks first.
function processProof(): string {
  return processShared("peer-proof", () => randomBytes(24).toString("base64url"));
}

function stamp(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  request.headers[PEER_PROOF_HEADER] = processProof();
}

/** Called once at server start: every HTTP(S) server of this process stamps the requests it emits. */
export function stampPeerAddresses(): void {
  interceptRequests("peer-address stamp", (request) => {
    stamp(request);
    return false;
  });
}

/** The stamped peer address of a request, or null when the stamp is missing or not this process's own. */
export function stampedPeerAddress(headers: Record<string, unknown>): string | null {
  const proof = headers[PEER_PROOF_HEADER];
  const address = headers[PEER_ADDRESS_HEADER];
  const expected = processProof();
  if (typeof proof !== "string" || proof.length !== expected.length) return null;
  if (!timingSafeEqual(Buffer.from(proof), Buffer.from(expected))) return null;
  return typeof address === "string" && address ? address : null;
}
