import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { announceExpiries, runDeliveryPass } from "@/lib/webhooks/deliver-webhooks";

const EXPIRY_LOOK_EVERY_MS = 60_000;

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;
let stopping = false;
let lastExpiryLook = 0;

async function pass(): Promise<void> {
  const db = getDb();
  if (Date.now() - lastExpiryLook >= EXPIRY_LOOK_EVERY_MS) {
    lastExpiryLook = Date.now();
    await announceExpiries(db, new Date());
  }
  // A full batch means more is waiting: keep going rather than sleep a poll interval between batches.
  for (;;) {
    const result = await runDeliveryPass(db, { stopping: () => stopping });
    if (stopping || (result.attempted < 50 && result.fannedOut < 500)) return;
  }
}

function tick(): void {
  if (running || stopping) return;
  running = pass()
    .catch((error: unknown) => logger.error("webhook delivery pass failed", { error }))
    .finally(() => {
      running = undefined;
    });
}

/** Started with every console instance, like the keep-alive job; instances share the work by lease. */
export function startWebhookDeliveryWorker(): void {
  const env = getEnv();
  if (!env.WEBHOOK_DELIVERY_ENABLED || timer) return;
  stopping = false;
  timer = setInterval(tick, env.WEBHOOK_POLL_MS);
  timer.unref();
}

/** Stops the schedule; a delivery in flight finishes and is recorded, the ones not started are given back. */
export async function stopWebhookDeliveryWorker(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  stopping = true;
  await running;
}
