/**
 * Keeps CPU cores busy until stopped (Ctrl-C, SIGTERM) or until `--minutes` have passed, to check that the
 * test suite holds on a shared machine:
 *   npx tsx scripts/burn-cpu.ts [--cores N] [--minutes M]
 * N defaults to every core. Each core gets a worker thread that hashes in a loop; nothing is written.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";

import { z } from "zod";

const options = z.object({
  cores: z.coerce.number().int().min(1).max(256),
  minutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
});

// Plain JavaScript, so the worker needs no TypeScript loader.
const BURN = `
const { createHash } = require("node:crypto");
let digest = Buffer.alloc(32);
for (;;) digest = createHash("sha256").update(digest).digest();
`;

const { values } = parseArgs({
  options: { cores: { type: "string" }, minutes: { type: "string" } },
});
const { cores, minutes } = options.parse({
  cores: values.cores ?? availableParallelism(),
  minutes: values.minutes,
});
const workers = Array.from({ length: cores }, () => new Worker(BURN, { eval: true }));
const stop = () => {
  for (const worker of workers) void worker.terminate();
  console.log("burn-cpu: stopped");
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
if (minutes !== undefined) setTimeout(stop, minutes * 60_000).unref();
console.log(
  `burn-cpu: keeping ${cores} core(s) busy${minutes === undefined ? " until stopped" : ` for ${minutes} min`} (pid ${process.pid})`,
);
