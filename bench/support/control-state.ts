import type { SandboxInfo } from "./sandbox-info";

/** The sandbox's own count of refreshes it answered with tokens, for the console's client. */
export async function refreshesServed(sandbox: SandboxInfo): Promise<number> {
  const response = await fetch(new URL("/control/state", sandbox.url), {
    headers: { authorization: `Bearer ${sandbox.controlToken}` },
  });
  if (!response.ok) throw new Error(`/control/state answered ${response.status}`);
  const state = (await response.json()) as { tokenEndpoint: Record<string, { refreshesServed?: number }> };
  return state.tokenEndpoint[sandbox.client.clientId]?.refreshesServed ?? 0;
}
