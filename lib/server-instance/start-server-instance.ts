import "server-only";

import { InvalidEnvironmentError } from "@/lib/config/env-schema";
import { getEnv } from "@/lib/env";

/** What every console instance does once at start. */
export function startServerInstance(): void {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
