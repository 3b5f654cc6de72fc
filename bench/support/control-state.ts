import { ControlClient } from "../../sandbox/test/support/control-client";

import type { SandboxInfo } from "./sandbox-info";

/** The sandbox's own count of refreshes it answered with tokens, for the console's client. */
export async function refreshesServed(sandbox: SandboxInfo): Promise<number> {
  const state = await new ControlClient(sandbox.url).state();
  return state.tokenEndpoint[sandbox.client.clientId]?.refreshesServed ?? 0;
}
