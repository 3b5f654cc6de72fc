import "server-only";

import { apiKeyVisibleTo } from "@/lib/api-keys/api-key-visibility";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { getDb } from "@/lib/db/client";

export type ApiKeyView = {
  id: string;
  name: string;
  lastFour: string;
  mode: "live" | "test";
  environments: string[];
  scopes: string[];
  returnUrlOrigins: string[];
  createdByLabel: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedByLabel: string | null;
  status: "active" | "expired" | "revoked";
};

const words = (text: string) => text.split(" ").filter(Boolean);

/** Every key the staff member may see, newest first; never a secret or its hash. */
export async function listApiKeys(staff: Pick<CurrentStaff, "role">): Promise<ApiKeyView[]> {
  const keys = await getDb().apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
  const visible = visibleEnvironmentIds(staff);
  const now = Date.now();
  return keys
    .filter((key) => apiKeyVisibleTo(staff.role, words(key.environments), visible))
    .map((key) => ({
      id: key.id,
      name: key.name,
      lastFour: key.lastFour,
      mode: key.environments.includes("production") ? "live" : "test",
      environments: words(key.environments),
      scopes: words(key.scopes),
      returnUrlOrigins: words(key.returnUrlOrigins),
      createdByLabel: key.createdByLabel,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      revokedByLabel: key.revokedByLabel,
      status: key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt.getTime() <= now ? "expired" : "active",
    }));
}
