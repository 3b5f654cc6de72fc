import { randomBytes } from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("starting a console instance", () => {
  it("stops at once, naming the setting, when the company SSO's role map names no role", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(40));
    vi.stubEnv("TOKEN_ENCRYPTION_KEYS", `k1:${randomBytes(32).toString("base64")}`);
    vi.stubEnv("SANDBOX_ENABLED", "false");
    vi.stubEnv("STAFF_SSO_ISSUER", "https://login.example.com");
    vi.stubEnv("STAFF_SSO_CLIENT_ID", "console");
    vi.stubEnv("STAFF_SSO_CLIENT_SECRET", "s3cret");
    vi.stubEnv("STAFF_SSO_ROLE_CLAIM", "groups");
    vi.stubEnv("STAFF_SSO_ROLE_MAP", "console-admins=superuser");
    const exited = new Error("exited");
    const exit = vi.spyOn(process, "exit").mockImplementation(() => {
      throw exited;
    });
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { startServerInstance } = await import("./start-server-instance");

    await expect(startServerInstance()).rejects.toBe(exited);
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(printed.mock.calls[0]?.[0])).toContain('STAFF_SSO_ROLE_MAP names "superuser"');
  });
});
