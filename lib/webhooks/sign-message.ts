import { Webhook } from "standardwebhooks";

/** The secrets an endpoint signs with now: its current one, and during a rotation's overlap the previous one. */
export type SigningSecrets = { current: string; previous?: string };

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/**
 * Standard Webhooks headers for one attempt: HMAC-SHA256 over `id.timestamp.body`. During a rotation both
 * signatures are sent, space separated, so a receiver holding either secret accepts the message.
 */
export function signMessage(messageId: string, sentAt: Date, body: string, secrets: SigningSecrets): SignedHeaders {
  const signatures = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])].map((secret) =>
    new Webhook(secret).sign(messageId, sentAt, body),
  );
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
