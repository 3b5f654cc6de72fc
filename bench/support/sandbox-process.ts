/**
 * Runs the sandbox OP in a process of its own, so the OP and the console code under test each get a core
 * and neither's event loop delays the other. Prints its URL as one JSON line; stops when stdin closes.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { ANNA, CONSOLE_CLIENT, CONTROL_TOKEN, startTestSandbox } from "../../sandbox/test/support/test-sandbox";

import { benchMerchant } from "./bench-merchants";
import type { SandboxInfo } from "./sandbox-info";

type Seed = { users: { email: string; merchants: Record<string, unknown>[] }[] };

/** The sandbox's own seed, with the bench merchants added to the bench user (BENCH_EXTRA_MERCHANTS of them). */
async function seedWithBenchMerchants(count: number): Promise<string | undefined> {
  if (count <= 0) return undefined;
  const seed = JSON.parse(await readFile(path.join("sandbox", "seed", "portal-users.json"), "utf8")) as Seed;
  const user = seed.users.find((candidate) => candidate.email === ANNA.email);
  if (!user) throw new Error("the sandbox seed has no bench user");
  for (let index = 0; index < count; index += 1) {
    const { merchantId, merchantVat } = benchMerchant(index);
    user.merchants.push({ merchant_id: merchantId, merchant_vat: merchantVat, name: `Bench ${index}`, country: "DK" });
  }
  const file = path.join(await mkdtemp(path.join(tmpdir(), "bench-seed-")), "portal-users.json");
  await writeFile(file, JSON.stringify(seed));
  return file;
}

const seedFile = await seedWithBenchMerchants(Number(process.env.BENCH_EXTRA_MERCHANTS ?? "0"));
const sandbox = await startTestSandbox(seedFile ? { seedFile } : {});
const info: SandboxInfo = {
  url: sandbox.url,
  dataDir: sandbox.dataDir,
  client: CONSOLE_CLIENT,
  controlToken: CONTROL_TOKEN,
  user: { email: ANNA.email, password: ANNA.password, merchantVat: ANNA.danishMerchant.vat },
};
process.stdout.write(`${JSON.stringify(info)}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sandbox.stop();
  process.exit(0);
}
process.stdin.on("end", () => void stop());
process.stdin.on("close", () => void stop());
process.on("SIGTERM", () => void stop());
process.stdin.resume();
