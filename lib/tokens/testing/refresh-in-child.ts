/**
 * Run as a separate console process by the crash tests, which kill it with SIGKILL while MobilePay holds
 * its refreshes: `refresh <merchantId>…` refreshes those merchants as "Refresh now" does; `sweep` runs one
 * keep-alive sweep over links idle for a day. Prints one JSON line if it ever finishes.
 */
import { runKeepAliveSweep } from "@/lib/tokens/keep-alive";
import { refreshTokenSet } from "@/lib/tokens/refresh-token-set";

const [mode, ...merchantIds] = process.argv.slice(2);
const actor = { type: "system", label: "crash test" } as const;
const outcome =
  mode === "sweep"
    ? await runKeepAliveSweep({ refreshAfterMs: 24 * 3600_000 })
    : await Promise.allSettled(merchantIds.map((id) => refreshTokenSet(id, { actor, trigger: "manual" })));
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.exit(0);
