import "server-only";

import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

import { interceptRequests } from "@/lib/http/intercept-requests";

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

const PROOF_KEY = Symbol.for("mobilepay-link-console.peer-proof");
type ProofHolder = { [PROOF_KEY]?: string };

// Next bundles instrumentation and routes apart; the process-wide global is what they share.
function processProof(): string {
  const holder = globalThis as ProofHolder;
  holder[PROOF_KEY] ??= randomBytes(24).toString("base64url");
  return holder[PROOF_KEY];
}

function stamp(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  request.headers[PEER_PROOF_HEADER] = processProof();
}

let installed = false;

/** Called once at server start: every HTTP(S) server of this process stamps the requests it emits. */
export function stampPeerAddresses(): void {
  if (installed) return;
  installed = true;
  interceptRequests((request) => {
    stamp(request);
    return false;
  });
}

/** The stamped peer address of a request, or null when the stamp is missing or not this process's own. */
export function stampedPeerAddress(headers: Record<string, unknown>): string | null {
  const proof = headers[PEER_PROOF_HEADER];
  const address = headers[PEER_ADDRESS_HEADER];
  const expected = (globalThis as ProofHolder)[PROOF_KEY];
  if (typeof proof !== "string" || !expected || proof.length !== expected.length) return null;
  if (!timingSafeEqual(Buffer.from(proof), Buffer.from(expected))) return null;
  return typeof address === "string" && address ? address : null;
}
