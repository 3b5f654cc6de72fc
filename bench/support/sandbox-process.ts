/**
 * Runs the sandbox OP in a process of its own, so the OP and the console code under test each get a core
 * and neither's event loop delays the other. Prints its URL as one JSON line; stops when stdin closes.
 */
import { ANNA, CONSOLE_CLIENT, CONTROL_TOKEN, startTestSandbox } from "../../sandbox/test/support/test-sandbox";

import type { SandboxInfo } from "./sandbox-info";

const sandbox = await startTestSandbox();
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
