import { afterAll, beforeAll } from "vitest";

import type { Database } from "@/lib/db/create-client";

import { startLifecycleHarness, type LifecycleHarness } from "./lifecycle-harness";

/**
 * For a data-layer test file: before its tests, a console database of its own (SQLite, or PostgreSQL with
 * TEST_DATABASE=postgresql) and the environment the console reads; then `ready` gets the client, and
 * imports the modules under test itself, now that the environment is in place. Closed after the file.
 */
export function withConsoleDatabase(ready: (db: Database) => Promise<void> | void): void {
  let harness: LifecycleHarness | undefined;
  beforeAll(async () => {
    harness = await startLifecycleHarness();
    await ready((await import("@/lib/db/client")).getDb());
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });
}
