import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

import type { SandboxInfo } from "./sandbox-info";

export type SandboxChild = SandboxInfo & { stop(): Promise<void> };

const START_TIMEOUT_MS = 60_000;

/**
 * Starts bench/support/sandbox-process.ts and waits for the URL it prints. `extraMerchants` adds that many
 * merchants (see benchMerchant) to the bench user, for benchmarks that link many merchants.
 */
export async function startSandboxChild(options: { extraMerchants?: number } = {}): Promise<SandboxChild> {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), [path.join("bench", "support", "sandbox-process.ts")], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", BENCH_EXTRA_MERCHANTS: String(options.extraMerchants ?? 0) },
  });
  // oidc-provider prints a support notice for Node 20 on every start; anything else the sandbox says is kept.
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (!line.startsWith("oidc-provider WARNING: Unsupported runtime")) console.error(line);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the sandbox did not start within 60 s")), START_TIMEOUT_MS);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`the sandbox exited with ${code} before it started`)));
  });
  const info = JSON.parse(first) as SandboxInfo;
  return {
    ...info,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
