import "server-only";

import { waitForProxyCallRecords } from "@/lib/api/record-proxy-call";
import { staffSsoSettings } from "@/lib/auth/staff-sso-settings";
import { InvalidEnvironmentError } from "@/lib/config/env-schema";
import { getEnv } from "@/lib/env";
import { startHousekeepingScheduler, stopHousekeepingScheduler } from "@/lib/housekeeping/housekeeping-scheduler";
import { logger } from "@/lib/logger";
import { getEnvironments } from "@/lib/mobilepay/environments";
import { waitForRefreshesInFlight } from "@/lib/tokens/get-access-token";
import { startKeepAliveScheduler, stopKeepAliveScheduler } from "@/lib/tokens/keep-alive";
import { startWebhookDeliveryWorker, stopWebhookDeliveryWorker } from "@/lib/webhooks/webhook-delivery-worker";

/** What every console instance does once at start. */
export async function startServerInstance(): Promise<void> {
  try {
    // Settings that are checked as they are read, so a bad role map stops the start and not the first sign-in.
    staffSsoSettings(getEnv());
    getEnvironments();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  startKeepAliveScheduler();
  startHousekeepingScheduler();
  startWebhookDeliveryWorker();
  // Let refreshes in flight finish, so a rotated refresh token is stored before the process goes.
  process.once("SIGTERM", () => {
    // Longer than a webhook delivery's timeout, so one in flight finishes and is recorded.
    const grace = setTimeout(() => process.exit(0), 20_000);
    void Promise.all([
      stopKeepAliveScheduler(),
      stopHousekeepingScheduler(),
      waitForRefreshesInFlight(),
      waitForProxyCallRecords(),
      stopWebhookDeliveryWorker(),
    ]).then(() => {
      clearTimeout(grace);
      logger.info("refreshes finished; stopping");
      process.exit(0);
    });
  });
}
