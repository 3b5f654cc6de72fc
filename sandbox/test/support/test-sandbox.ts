import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { type RunningSandbox, startSandbox } from "../../app";
import type { TSandboxOptionsInput } from "../../config/sandbox-options";

export const CONSOLE_CLIENT = {
  clientId: "mobilepay-link-console",
  clientSecret: "console-secret-for-tests",
  redirectUri: "http://localhost:3000/api/auth/callback/mobilepay-sandbox",
};

export const REUSE_CLIENT = {
  clientId: "reuse-client",
  clientSecret: "reuse-secret-for-tests",
  redirectUri: "http://127.0.0.1:7890/callback",
};

export type TestClient = typeof CONSOLE_CLIENT;

export const CONTROL_TOKEN = "control-token-for-tests-0123456789";

export const ANNA = {
  email: "anna@sandbox.test",
  password: "sandbox-demo",
  id: "b3635573-ac49-4ab1-9f19-d968a9cd0e7b",
  danishMerchant: { id: "8a38f2a4-5166-4661-9c26-76d7604f8561", vat: "DK12345678" },
  finnishMerchant: { id: "a6663bd1-b4ae-428e-b192-48b88a1a1d2f", vat: "FI12345678" },
};

export const BO = {
  email: "bo@sandbox.test",
  password: "sandbox-demo",
  id: "04834422-62ed-44f0-82e9-a3628c1ee87a",
  merchant: { id: "dcbeadd6-718c-4200-ae99-a13cddf0fff5", vat: "DK87654321" },
};

export const MIKKO = {
  email: "mikko@sandbox.test",
  password: "sandbox-demo",
  id: "3d9e121a-6809-43a4-9142-d94bc979fe2b",
  merchant: { id: "a95b0032-2954-40d7-95e0-5c7219b942f8", vat: "FI87654321" },
};

export interface TestSandbox {
  sandbox: RunningSandbox;
  url: string;
  dataDir: string;
  restart(overrides?: Partial<TSandboxOptionsInput>): Promise<void>;
  stop(): Promise<void>;
}

export function testSandboxOptions(
  dataDir: string,
  overrides: Partial<TSandboxOptionsInput> = {},
): TSandboxOptionsInput {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    controlToken: CONTROL_TOKEN,
    callbackTimeScale: 0.0005,
    clients: [
      {
        clientId: CONSOLE_CLIENT.clientId,
        clientSecret: CONSOLE_CLIENT.clientSecret,
        clientName: "MobilePay Link Console",
        redirectUris: [CONSOLE_CLIENT.redirectUri],
        refreshTokenUsage: "OneTime",
      },
      {
        clientId: REUSE_CLIENT.clientId,
        clientSecret: REUSE_CLIENT.clientSecret,
        clientName: "ReUse Integrator",
        redirectUris: [REUSE_CLIENT.redirectUri],
        refreshTokenUsage: "ReUse",
      },
    ],
    ...overrides,
  };
}

/** A sandbox on a free port with its own temporary data directory. */
export async function startTestSandbox(overrides: Partial<TSandboxOptionsInput> = {}): Promise<TestSandbox> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mobilepay-sandbox-"));
  const fixture: TestSandbox = {
    sandbox: await startSandbox(testSandboxOptions(dataDir, overrides)),
    get url() {
      return this.sandbox.url;
    },
    dataDir,
    async restart(restartOverrides = {}) {
      const port = Number(new URL(this.sandbox.url).port);
      await this.sandbox.close();
      this.sandbox = await startSandbox(testSandboxOptions(dataDir, { ...overrides, port, ...restartOverrides }));
    },
    async stop() {
      await this.sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}
