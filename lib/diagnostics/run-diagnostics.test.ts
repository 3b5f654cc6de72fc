import { beforeEach, describe, expect, it, vi } from "vitest";

import type { AppError } from "@/lib/errors";

/** Three configured environments, one of them production; the live probes themselves are not under test. */
const ENVIRONMENTS = [
  { id: "sandbox", label: "Built-in sandbox", isSandbox: true },
  { id: "test", label: "MobilePay sandbox", isSandbox: true },
  { id: "production", label: "MobilePay production", isSandbox: false },
];

const probed = vi.hoisted(() => ({ environments: [] as string[] }));

vi.mock("@/lib/mobilepay/environments", () => ({
  getEnvironments: () => ENVIRONMENTS,
  requireEnvironment: (id: string) => ENVIRONMENTS.find((environment) => environment.id === id),
}));
vi.mock("@/lib/env", () => ({ getEnv: () => ({ NEXTAUTH_URL: "https://console.example" }) }));
vi.mock("@/lib/diagnostics/run-console-diagnostics", () => ({ runConsoleDiagnostics: () => Promise.resolve([]) }));
vi.mock("@/lib/diagnostics/last-token-offset", () => ({ lastTokenOffsetSeconds: () => Promise.resolve(null) }));
vi.mock("@/lib/diagnostics/run-environment-diagnostics", () => ({
  runEnvironmentDiagnostics: (environment: { id: string; label: string; isSandbox: boolean }) => {
    probed.environments.push(environment.id);
    return Promise.resolve({ environment, clockOffsetSeconds: null, checks: [] });
  },
}));
vi.mock("@/lib/db/client", () => ({ getDb: () => ({}) }));

const { runDiagnostics } = await import("./run-diagnostics");
const { assertMerchantVisible, visibleEnvironmentIds } = await import("@/lib/auth/require-environment-access");

const staffOf = (role: "admin" | "demo") => ({ id: `${role}-1`, email: `${role}@example.com`, name: role, role });
const request = { protocol: "https:", forwardedProto: null, host: "console.example", forwardedHost: null };

beforeEach(() => {
  probed.environments = [];
});

describe("what demo staff may see", () => {
  it("diagnostics probe only sandbox environments for demo staff, every environment for others", async () => {
    const demoReport = await runDiagnostics({ staff: staffOf("demo"), request });
    expect(probed.environments).toEqual(["sandbox", "test"]);
    expect(demoReport.environments.map((entry) => entry.environment.id)).toEqual(["sandbox", "test"]);

    probed.environments = [];
    await runDiagnostics({ staff: staffOf("admin"), request });
    expect(probed.environments).toEqual(["sandbox", "test", "production"]);
  });

  it("a production merchant does not exist for demo staff", () => {
    expect(visibleEnvironmentIds(staffOf("demo"))).toEqual(["sandbox", "test"]);
    expect(visibleEnvironmentIds(staffOf("admin"))).toBeNull();
    expect(() => assertMerchantVisible(staffOf("demo"), { environment: "production" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }) as AppError,
    );
    expect(() => assertMerchantVisible(staffOf("demo"), { environment: "test" })).not.toThrow();
    expect(() => assertMerchantVisible(staffOf("admin"), { environment: "production" })).not.toThrow();
  });
});
