import "server-only";

import { randomUUID } from "node:crypto";

import type { Prisma } from "@prisma/client";

import { TokenCipherError } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/create-client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { AddressPolicy } from "@/lib/webhooks/address-policy";
import { announceExpiredConsentLinks } from "@/lib/webhooks/announce-expired-consent-links";
import { claimDueDeliveries, releaseDeliveries } from "@/lib/webhooks/claim-deliveries";
import { deliveryBody } from "@/lib/webhooks/delivery-body";
import { eventPayload } from "@/lib/webhooks/event-payload";
import { fanOutEvents } from "@/lib/webhooks/fan-out-events";
import { MAX_ATTEMPTS, nextRetryDelay } from "@/lib/webhooks/retry-schedule";
import { DELIVERY_TIMEOUT_MS, sendWebhook, type SendResult } from "@/lib/webhooks/send-webhook";
import { signMessage, type SigningSecrets } from "@/lib/webhooks/sign-message";
import { openSigningSecret } from "@/lib/webhooks/signing-secret";

/** An endpoint that has not had one delivery succeed for this long is disabled, with the reason shown. */
export const DISABLE_FAILING_ENDPOINT_AFTER_MS = 3 * 24 * 3600_000;

export type DeliveryOptions = {
  /** The clock that schedules (due times, backoff, leases); injectable so tests need not wait hours. */
  now?: () => Date;
  /** Jitter source in [0, 1). */
  random?: () => number;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
  policy?: AddressPolicy;
  /** Checked before each delivery: a stopping instance starts no new one and gives the rest back. */
  stopping?: () => boolean;
  /** Set when staff replayed or tested: recorded on the attempt. */
  trigger?: "schedule" | "manual" | "test";
};

export type DeliveryPassResult = { fannedOut: number; attempted: number; delivered: number };

export function configuredAddressPolicy(): AddressPolicy {
  return { allowLoopback: getEnv().WEBHOOK_ALLOW_LOOPBACK };
}

/**
 * One pass of the delivery worker: fan new events out to endpoints, claim what is due (one instance per
 * message, by lease), deliver with a few at a time, and record every attempt. Messages are delivered at
 * least once: a receiver deduplicates by webhook-id.
 */
export async function runDeliveryPass(db: Database, options: DeliveryOptions = {}): Promise<DeliveryPassResult> {
  const now = options.now ?? (() => new Date());
  const fannedOut = await fanOutEvents(db, now());
  const owner = `${process.pid}:${randomUUID()}`;
  const claimed = await claimDueDeliveries(db, { owner, now: now(), limit: options.batchSize ?? 50 });
  const loaded = await loadClaimed(db, claimed);
  const recorder = attemptRecorder(db, owner, options);
  const queue = [...claimed];
  let delivered = 0;
  let attempted = 0;
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      if (options.stopping?.()) {
        queue.unshift(id);
        return;
      }
      const sent = await sendLoaded(db, loaded.get(id), owner, options);
      if (sent === "skipped") continue;
      attempted += 1;
      await recorder.add(sent);
      if (sent.result.outcome === "delivered") delivered += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  await releaseDeliveries(db, owner, queue);
  return { fannedOut, attempted, delivered };
}

/** Looks for consent links that expired since the last look; cheap, but not needed every second. */
export async function announceExpiries(db: Database, now: Date): Promise<void> {
  const announced = await announceExpiredConsentLinks(db, now);
  if (announced > 0) logger.info("consent link expiries announced", { announced });
}

/**
 * Sends one claimed delivery and records the attempt. Returns the attempt's outcome, or "skipped" when the
 * delivery or its endpoint changed since the claim (deleted, disabled, lease lost).
 */
export async function deliverClaimed(
  db: Database,
  deliveryId: string,
  owner: string,
  options: DeliveryOptions = {},
): Promise<SendResult["outcome"] | "skipped"> {
  const [delivery] = (await loadClaimed(db, [deliveryId])).values();
  const sent = await sendLoaded(db, delivery, owner, options);
  if (sent === "skipped") return sent;
  await recordAttempts(db, [sent], owner, options);
  return sent.result.outcome;
}

/**
 * Attempts finished close together are recorded in one transaction: on SQLite each commit waits for the
 * disk, and one per attempt made that wait the whole cost of a burst. Results that arrive while a group is
 * being written form the next group; `add` resolves once its result is stored.
 */
function attemptRecorder(db: Database, owner: string, options: DeliveryOptions) {
  let waiting: SentAttempt[] = [];
  let writing: Promise<void> | undefined;
  const writeAll = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      await recordAttempts(db, group, owner, options);
    }
  };
  return {
    add(attempt: SentAttempt): Promise<void> {
      waiting.push(attempt);
      writing ??= writeAll().finally(() => (writing = undefined));
      return writing;
    },
  };
}

/** The claimed deliveries with their events and endpoints (secrets included), read in one query. */
async function loadClaimed(db: Database, ids: readonly string[]) {
  const rows = await db.webhookDelivery.findMany({
    where: { id: { in: [...ids] } },
    include: {
      event: true,
      endpoint: { omit: { secretCiphertext: false, previousSecretCiphertext: false } },
    },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

type LoadedDelivery = Awaited<ReturnType<typeof loadClaimed>> extends Map<string, infer Row> ? Row : never;

type SentAttempt = { delivery: LoadedDelivery; result: SendResult; at: Date };

/** What must be left of a lease when an attempt starts: the attempt's timeout and the time to record it. */
const LEASE_LEFT_FOR_RECORDING_MS = 5_000;

/**
 * Sends one loaded delivery; "skipped" when it is no longer this deliverer's, its endpoint was disabled,
 * or its lease would run out before the attempt could end. A batch is claimed at once and sent a few at a
 * time, so behind slow receivers the last ones start late: sending one after its lease has lapsed could
 * send it beside an instance that claimed it since. Those are given back for the next pass instead.
 */
async function sendLoaded(
  db: Database,
  delivery: LoadedDelivery | undefined,
  owner: string,
  options: DeliveryOptions,
): Promise<SentAttempt | "skipped"> {
  const now = options.now ?? (() => new Date());
  if (!delivery || delivery.leaseOwner !== owner) return "skipped";
  const { endpoint, event } = delivery;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const leaseLeft = (delivery.leaseUntil?.getTime() ?? 0) - now().getTime();
  if (!endpoint.enabled || leaseLeft < timeoutMs + LEASE_LEFT_FOR_RECORDING_MS) {
    await releaseDeliveries(db, owner, [delivery.id]);
    return "skipped";
  }
  const body = deliveryBody(endpoint.kind, eventPayload(event), getEnv().NEXTAUTH_URL);
  const previousValid =
    endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now();
  let secrets: SigningSecrets;
  try {
    secrets = {
      current: openSigningSecret(endpoint.secretCiphertext, endpoint.id),
      previous: previousValid
        ? openSigningSecret(endpoint.previousSecretCiphertext!, endpoint.id, "previousSecret")
        : undefined,
    };
  } catch (error) {
    // One endpoint's secret that no key opens (its key was removed from the keyring) fails its own
    // deliveries, with the reason on its page, and stops no other endpoint's.
    if (!(error instanceof TokenCipherError)) throw error;
    const result: SendResult = {
      outcome: "failed",
      latencyMs: 0,
      error: `Not sent: the signing secret cannot be opened (${error.message})`,
    };
    return { delivery, result, at: now() };
  }
  // The signature's timestamp is the real time of sending: receivers compare it with their own clock.
  const headers = signMessage(event.id, new Date(), body, secrets);
  const result = await sendWebhook({
    url: endpoint.url,
    body,
    headers: { ...headers },
    policy: options.policy ?? configuredAddressPolicy(),
    timeoutMs,
  });
  return { delivery, result, at: now() };
}

type ClaimedDelivery = {
  id: string;
  attempts: number;
  endpoint: { id: string; failingSince: Date | null; url: string };
};

async function recordAttempts(
  db: Database,
  attempts: readonly { delivery: ClaimedDelivery; result: SendResult; at: Date }[],
  owner: string,
  options: DeliveryOptions,
): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const attempt of attempts) await recordAttempt(tx, attempt, owner, options);
  });
}

async function recordAttempt(
  tx: Prisma.TransactionClient,
  { delivery, result, at }: { delivery: ClaimedDelivery; result: SendResult; at: Date },
  owner: string,
  options: DeliveryOptions,
): Promise<void> {
  const attempts = delivery.attempts + 1;
  const delay = nextRetryDelay(attempts, options.random);
  const succeeded = result.outcome === "delivered";
  const exhausted = !succeeded && result.outcome !== "gone" && (delay === undefined || attempts >= MAX_ATTEMPTS);
  const failingSince = succeeded ? null : (delivery.endpoint.failingSince ?? at);
  const disableReason =
    result.outcome === "gone"
      ? `The receiver answered 410 Gone on ${at.toISOString()}: it asked for no more deliveries.`
      : !succeeded && at.getTime() - failingSince!.getTime() >= DISABLE_FAILING_ENDPOINT_AFTER_MS
        ? `No delivery has succeeded since ${failingSince!.toISOString()} (last: ${result.error ?? "failed"}).`
        : undefined;
  await tx.webhookAttempt.create({
    data: {
      deliveryId: delivery.id,
      attemptedAt: at,
      outcome: result.outcome,
      statusCode: result.statusCode ?? null,
      latencyMs: result.latencyMs,
      responseBody: result.responseBody ?? null,
      error: result.error ?? null,
      trigger: options.trigger ?? "schedule",
    },
  });
  await tx.webhookDelivery.updateMany({
    where: { id: delivery.id, leaseOwner: owner },
    data: {
      attempts,
      lastAttemptAt: at,
      leaseOwner: null,
      leaseUntil: null,
      ...(succeeded
        ? { status: "delivered", deliveredAt: at }
        : exhausted
          ? { status: "failed" }
          : // A 410 keeps the message pending: it goes out if the endpoint is enabled again.
            { nextAttemptAt: new Date(at.getTime() + (delay ?? 0)) }),
    },
  });
  await tx.webhookEndpoint.update({
    where: { id: delivery.endpoint.id },
    data: {
      ...(succeeded ? { lastSuccessAt: at, failingSince: null } : { failingSince }),
      ...(disableReason ? { enabled: false, disabledReason: disableReason, disabledAt: at } : {}),
    },
  });
  if (disableReason)
    logger.warn("webhook endpoint disabled", { endpointId: delivery.endpoint.id, reason: disableReason });
}
