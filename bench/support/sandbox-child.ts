import path from "node:path";

import type { SandboxInfo } from "./sandbox-info";
import { startScriptChild } from "./script-child";

export type SandboxChild = SandboxInfo & { stop(): Promise<void> };

/**
 * Starts bench/support/sandbox-process.ts and waits for the URL it prints. `extraMerchants` adds that many
 * merchants (see benchMerchant) to the bench user, for benchmarks that link many merchants.
 */
export async function startSandboxChild(options: { extraMerchants?: number } = {}): Promise<SandboxChild> {
  const { info, stop } = await startScriptChild<SandboxInfo>(
    path.join("bench", "support", "sandbox-process.ts"),
    { BENCH_EXTRA_MERCHANTS: String(options.extraMerchants ?? 0) },
    // oidc-provider prints a support notice for Node 20 on every start; anything else the sandbox says is kept.
    (line) => !line.startsWith("oidc-provider WARNING: Unsupported runtime"),
  );
  return { ...info, stop };
}
