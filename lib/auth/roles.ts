// Browser code reads these labels too, so this module stays free of zod; the schema is in staff-role-schema.ts.
export const STAFF_ROLES = ["admin", "integrator", "support", "demo"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: "Admin",
  integrator: "Integrator",
  support: "Support",
  demo: "Demo",
};

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  admin: "Everything, including staff management and revealing tokens",
  integrator: "Link, refresh and unlink merchants; run sample API calls",
  support: "Read-only inspection of merchants, tokens, audit and diagnostics",
  demo: "Integrator rights, limited to sandbox environments",
};

export type Permission =
  | "merchants:read"
  | "merchants:link"
  | "merchants:refresh"
  | "merchants:unlink"
  | "calls:run"
  | "audit:read"
  | "audit:export"
  | "diagnostics:read"
  | "tokens:reveal"
  | "staff:manage"
  /** The sales demo: the demo script and the built-in sandbox's switches, run from the console. */
  | "demo:run"
  | "api-keys:read"
  | "api-keys:manage"
  | "webhooks:read"
  | "webhooks:manage";

const READ: Permission[] = ["merchants:read", "audit:read", "diagnostics:read"];
const OPERATE: Permission[] = [...READ, "merchants:link", "merchants:refresh", "merchants:unlink", "calls:run"];

const PERMISSIONS: Record<StaffRole, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    ...OPERATE,
    "audit:export",
    "tokens:reveal",
    "staff:manage",
    "demo:run",
    "api-keys:read",
    "api-keys:manage",
    "webhooks:read",
    "webhooks:manage",
  ]),
  // Webhook endpoints span environments, so demo staff (sandbox only) do not see them.
  integrator: new Set<Permission>([...OPERATE, "webhooks:read"]),
  // Demo staff operate like integrators; the use cases confine them (and their API keys) to sandbox environments.
  demo: new Set<Permission>([...OPERATE, "demo:run", "api-keys:read", "api-keys:manage"]),
  support: new Set<Permission>([...READ, "api-keys:read"]),
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return PERMISSIONS[role].has(permission);
}

/** Demo staff may act only on sandbox environments. */
export function mayUseEnvironment(role: StaffRole, environmentIsSandbox: boolean): boolean {
  return role !== "demo" || environmentIsSandbox;
}
