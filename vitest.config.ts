import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

import { scaled } from "./lib/testing/test-slowness.ts";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Unit tests run outside Next's bundler, where "server-only" has no meaning.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "sandbox/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    environment: "node",
    // Stretched on a busy machine; the factor is measured here once and inherited by the test processes.
    testTimeout: scaled(20_000),
    hookTimeout: scaled(60_000),
    // The console's migrations run once per run, into a template every test file copies.
    globalSetup: ["lib/testing/console-database-template.ts"],
    pool: "forks",
    // Vitest's default on two cores is one file at a time, yet most files spend much of their time waiting
    // on a sandbox, a PostgreSQL server or a child process: two at a time keep both cores working.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
