import "server-only";

import { getDb } from "@/lib/db/client";
import { runHousekeeping } from "@/lib/housekeeping/run-housekeeping";
import { logger } from "@/lib/logger";

/** Often enough that unverified callbacks stay near their cap between runs (see UNVERIFIED_CALLBACK_LIMITS). */
export const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;
const FIRST_RUN_DELAY_MS = 60_000;

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

function tick(): void {
  if (running) return;
  running = runHousekeeping(getDb())
    .catch((error: unknown) => logger.error("housekeeping failed", { error }))
    .finally(() => {
      running = undefined;
    });
}

/** Runs housekeeping on every instance, beside the keep-alive job; a minute after start, then every 15. */
export function startHousekeepingScheduler(): void {
  if (timer) return;
  timer = setInterval(tick, HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  setTimeout(tick, FIRST_RUN_DELAY_MS).unref();
}

/** Stops the schedule and waits for a run under way, so the process does not exit mid-delete. */
export async function stopHousekeepingScheduler(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
