import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import type { Actor } from "@/lib/audit/record-audit-event";

/** How the audit trail names what an API key caused (a refresh, a proxied call): the key, never its secret. */
export function apiActor(principal: Pick<ApiPrincipal, "keyId" | "name">): Actor {
  return { type: "system", label: `API key "${principal.name}" (${principal.keyId})` };
}
