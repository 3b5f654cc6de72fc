import type { StaffRole } from "@/lib/auth/roles";

/**
 * The staff accounts of a development or demo install. Their passwords are
 * public (README), so the seed refuses to create them in production.
 */
export const DEMO_STAFF: { email: string; name: string; role: StaffRole; password: string }[] = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin", password: "admin-demo-pass" },
  { email: "integrator@example.com", name: "Ivan Integrator", role: "integrator", password: "integrator-demo-pass" },
  { email: "support@example.com", name: "Sofie Support", role: "support", password: "support-demo-pass" },
  { email: "demo@example.com", name: "Dina Demo", role: "demo", password: "demo-demo-pass" },
];
