import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { Webhook } from "standardwebhooks";

export type ReceivedMessage = { id: string; body: unknown; signatures: string; headers: IncomingMessage["headers"] };

export type WebhookReceiver = {
  url: string;
  /** Every message whose signature verified, in arrival order (retries included). */
  received: ReceivedMessage[];
  /** Requests whose signature did not verify with any secret the receiver holds. */
  unverified: number;
  /** Distinct ids, as a receiver deduplicating by webhook-id sees them. */
  distinctIds(): Set<string>;
  /** Decides each answer: a status, or "drop" to reset the connection. Verified messages only. */
  answer: (message: ReceivedMessage) => number | "drop" | Promise<number | "drop">;
  /** The secrets the receiver verifies with; a message must verify with at least one. */
  secrets: string[];
  /** Most deliveries of one id in flight at the same moment (1 when no message is sent twice at once). */
  maxConcurrentPerId: number;
  close(): Promise<void>;
};

/**
 * A small HTTP receiver for tests that verifies every request with the standardwebhooks library (as an
 * integrator's receiver would) and records what arrived.
 */
export async function startWebhookReceiver(secrets: string[] = []): Promise<WebhookReceiver> {
  const inFlight = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    unverified: 0,
    distinctIds: () => new Set(receiver.received.map((message) => message.id)),
    answer: () => 204,
    secrets,
    maxConcurrentPerId: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        );
        const verified = receiver.secrets.some((secret) => {
          try {
            new Webhook(secret).verify(raw, headers);
            return true;
          } catch {
            return false;
          }
        });
        if (!verified) {
          receiver.unverified += 1;
          response.writeHead(401).end("signature did not verify");
          return;
        }
        const id = headers["webhook-id"]!;
        const message = {
          id,
          body: JSON.parse(raw) as unknown,
          signatures: headers["webhook-signature"]!,
          headers: request.headers,
        };
        const concurrent = (inFlight.get(id) ?? 0) + 1;
        inFlight.set(id, concurrent);
        receiver.maxConcurrentPerId = Math.max(receiver.maxConcurrentPerId, concurrent);
        try {
          const answer = await receiver.answer(message);
          if (answer === "drop") {
            request.socket.destroy();
            return;
          }
          if (answer >= 200 && answer < 300) receiver.received.push(message);
          response.writeHead(answer, { "content-type": "text/plain" }).end(`answered ${answer}`);
        } finally {
          inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
