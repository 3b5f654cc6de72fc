import type { StaffRole } from "@/lib/auth/roles";

/**
 * Whether a staff member sees (and, with `api-keys:manage`, may revoke) a key: demo staff only keys
 * confined to environments they may see, everyone else every key.
 */
export function apiKeyVisibleTo(
  role: StaffRole,
  keyEnvironments: readonly string[],
  visibleEnvironments: readonly string[] | null,
): boolean {
  if (role !== "demo" || visibleEnvironments === null) return true;
  return keyEnvironments.every((environment) => visibleEnvironments.includes(environment));
}
