import type { ApiKeyMode } from "@/lib/api-keys/api-key-secret";

type KnownEnvironment = { id: string; isSandbox: boolean };

export type KeyEnvironmentsVerdict = { ok: true; mode: ApiKeyMode } | { ok: false; problem: string };

/**
 * Which environments one key may hold. Production and sandboxes never share a key, so a key that leaks
 * from a test system cannot reach a real merchant and the secret's `live`/`test` marker tells the truth.
 * Demo staff create keys for sandboxes only, as they act on nothing else.
 */
export function judgeKeyEnvironments(
  requested: readonly string[],
  configured: readonly KnownEnvironment[],
  creator: { sandboxesOnly: boolean },
): KeyEnvironmentsVerdict {
  const chosen: KnownEnvironment[] = [];
  for (const id of requested) {
    const environment = configured.find((candidate) => candidate.id === id);
    if (!environment) return { ok: false, problem: `The environment "${id}" is not configured in this console.` };
    chosen.push(environment);
  }
  if (chosen.length === 0) return { ok: false, problem: "Choose at least one environment." };
  if (creator.sandboxesOnly && chosen.some((environment) => !environment.isSandbox)) {
    return { ok: false, problem: "Demo accounts can only create keys for sandbox environments." };
  }
  const live = chosen.filter((environment) => !environment.isSandbox).length;
  if (live > 0 && live < chosen.length) {
    return { ok: false, problem: "A key is either for production or for sandboxes, never both." };
  }
  return { ok: true, mode: live > 0 ? "live" : "test" };
}
