import { hasPermission, type Permission, type StaffRole } from "@/lib/auth/roles";

export type NavigationItem = { href: string; label: string; permission: Permission };

const ITEMS: NavigationItem[] = [
  { href: "/merchants", label: "Merchants", permission: "merchants:read" },
  { href: "/audit", label: "Audit", permission: "audit:read" },
  { href: "/diagnostics", label: "Diagnostics", permission: "diagnostics:read" },
  { href: "/staff", label: "Staff", permission: "staff:manage" },
  { href: "/demo", label: "Demo", permission: "demo:run" },
  { href: "/api-keys", label: "API keys", permission: "api-keys:read" },
  { href: "/api-reference", label: "API", permission: "merchants:read" },
  { href: "/webhooks", label: "Webhooks", permission: "webhooks:read" },
];

export function navigationFor(role: StaffRole): NavigationItem[] {
  return ITEMS.filter((item) => hasPermission(role, item.permission));
}
