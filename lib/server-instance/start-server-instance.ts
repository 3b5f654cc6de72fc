import "server-only";

import { InvalidEnvironmentError } from "@/lib/config/env-schema";
import { getEnv } from "@/lib/env";
import { startHousekeepingScheduler, stopHousekeepingScheduler } from "@/lib/housekeeping/housekeeping-scheduler";
import { logger } from "@/lib/logger";
import { getEnvironments } from "@/lib/mobilepay/environments";
import { waitForRefreshesInFlight } from "@/lib/tokens/get-access-token";
import { startKeepAliveScheduler, stopKeepAliveScheduler } from "@/lib/tokens/keep-alive";

/** What every console instance does once at start. */
export async function startServerInstance(): Promise<void> {
  try {
    getEnv();
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
  // Let refreshes in flight finish, so a rotated refresh token is stored before the process goes.
  process.once("SIGTERM", () => {
    const grace = setTimeout(() => process.exit(0), 15_000);
    void Promise.all([stopKeepAliveScheduler(), stopHousekeepingScheduler(), waitForRefreshesInFlight()]).then(() => {
      clearTimeout(grace);
      logger.info("refreshes finished; stopping");
      process.exit(0);
    });
  });
}
