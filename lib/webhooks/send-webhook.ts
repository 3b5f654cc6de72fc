import "server-only";

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction, Socket } from "node:net";

import { refusedAddress, refusedUrl, type AddressPolicy } from "@/lib/webhooks/address-policy";

/** The receiver has this long to answer (connect, send, first bytes of the response). */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of a response is kept for the attempts list. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export type SendOutcome = "delivered" | "failed" | "gone" | "refused";

export type SendResult = {
  outcome: SendOutcome;
  statusCode?: number;
  latencyMs: number;
  responseBody?: string;
  error?: string;
};

export type SendRequest = {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: AddressPolicy;
  timeoutMs?: number;
  /** The resolver; the system's by default (tests give names the answers they need). */
  resolve?: HostResolver;
};

export type HostResolver = (hostname: string, family: number | undefined) => Promise<LookupAddress[]>;

const systemResolver: HostResolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family: family ?? 0 }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

class RefusedAddress extends Error {}

/**
 * Resolves like the system resolver but refuses the connection when any address of the name is not
 * allowed: a name with one public and one private answer could otherwise reach the private one.
 */
function guardedLookup(policy: AddressPolicy, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options.family === 4 || options.family === 6 ? options.family : undefined).then(
      (addresses) => {
        const refused = addresses.map((entry) => refusedAddress(entry.address, policy)).find(Boolean);
        if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused}`), "", 0);
        if (options.all) return callback(null, addresses);
        const [first] = addresses;
        if (!first) return callback(new Error(`${hostname} has no address`), "", 0);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/**
 * POSTs one webhook and reports what happened, never throwing. The URL is checked, every address its
 * name resolves to is checked, and the address the socket actually connected to is checked once more
 * (so DNS rebinding between a check and the connection cannot reach a refused address). Redirects are
 * not followed: a 3xx is a failed attempt. 2xx is delivered, 410 means the receiver is gone for good.
 */
export function sendWebhook(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const urlRefused = refusedUrl(request.url, request.policy);
  if (urlRefused) return Promise.resolve({ outcome: "refused", latencyMs: 0, error: `Refused URL: ${urlRefused}` });
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const timeoutMs = request.timeoutMs ?? DELIVERY_TIMEOUT_MS;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const outgoing = send(
      url,
      {
        method: "POST",
        agent: false,
        lookup: guardedLookup(request.policy, request.resolve ?? systemResolver),
        headers: {
          "content-type": "application/json",
          "user-agent": "MobilePay-Link-Console-Webhooks/1",
          ...request.headers,
          "content-length": String(Buffer.byteLength(request.body)),
        },
      },
      (response) => readExcerpt(response, finish),
    );
    const deadline = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    outgoing.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        const refused = socket.remoteAddress ? refusedAddress(socket.remoteAddress, request.policy) : "no peer address";
        if (refused) outgoing.destroy(new RefusedAddress(`connected to ${refused}`));
      });
    });
    outgoing.on("error", (error) =>
      finish({
        outcome: error instanceof RefusedAddress ? "refused" : "failed",
        error: error instanceof RefusedAddress ? `Refused address: ${error.message}` : error.message,
      }),
    );
    outgoing.end(request.body);
  });
}

function readExcerpt(response: IncomingMessage, finish: (result: Omit<SendResult, "latencyMs">) => void) {
  const statusCode = response.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let length = 0;
  const done = () => {
    const responseBody = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
    const outcome = statusCode >= 200 && statusCode < 300 ? "delivered" : statusCode === 410 ? "gone" : "failed";
    const error =
      statusCode >= 300 && statusCode < 400
        ? `answered ${statusCode}; redirects are not followed`
        : outcome === "delivered"
          ? undefined
          : `answered ${statusCode}`;
    finish({ outcome, statusCode, responseBody, ...(error ? { error } : {}) });
  };
  response.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
    // The rest of a long answer is not waited for: only its beginning is kept.
    if (length >= RESPONSE_EXCERPT_BYTES) {
      done();
      response.destroy();
    }
  });
  response.on("end", done);
  response.on("error", done);
}
