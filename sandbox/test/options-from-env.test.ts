import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { optionsFromEnv } from "../config/options-from-env";

describe("sandbox configuration from the environment", () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), "mobilepay-sandbox-env-"));
  });
  afterAll(async () => rm(cwd, { recursive: true, force: true }));

  it("falls back to development defaults stored in the data directory, and says so", async () => {
    const { options, notices } = await optionsFromEnv({}, cwd);
    const secrets = JSON.parse(await readFile(path.join(cwd, ".data/sandbox/secrets.json"), "utf8")) as Record<
      string,
      string
    >;
    expect(options).toMatchObject({
      host: "127.0.0.1",
      port: 4010,
      dataDir: path.join(cwd, ".data/sandbox"),
      accessTokenTtlSeconds: 300,
      controlToken: secrets.devControlToken,
      clients: [
        {
          clientId: "mobilepay-link-console",
          clientSecret: secrets.devClientSecret,
          redirectUris: ["http://localhost:3000/api/auth/callback/mobilepay-sandbox"],
          refreshTokenUsage: "OneTime",
        },
      ],
    });
    expect(notices.join("\n")).toContain("SANDBOX_CLIENT_SECRET is not set");
    expect(notices.join("\n")).toContain("SANDBOX_CONTROL_TOKEN is not set");

    const again = await optionsFromEnv({}, cwd);
    expect(again.options.controlToken).toBe(options.controlToken);
  });

  it("reads every variable, including extra clients", async () => {
    const { options, notices } = await optionsFromEnv(
      {
        SANDBOX_HOST: "0.0.0.0",
        SANDBOX_PORT: "4999",
        SANDBOX_PUBLIC_URL: "http://sandbox.test:4999",
        SANDBOX_ISSUER: "https://api.mobilepay.dk/merchant",
        SANDBOX_DATA_DIR: "elsewhere",
        SANDBOX_CLIENT_ID: "console",
        SANDBOX_CLIENT_SECRET: "s3cret",
        SANDBOX_REDIRECT_URIS: "http://localhost:3000/a, http://localhost:3000/b",
        SANDBOX_REFRESH_MODE: "ReUse",
        SANDBOX_CONTROL_TOKEN: "a-long-enough-control-token",
        SANDBOX_ACCESS_TOKEN_TTL: "60",
        SANDBOX_EXTRA_CLIENTS: JSON.stringify([
          { clientId: "second", clientSecret: "x", redirectUris: ["http://127.0.0.1:7890/cb"] },
        ]),
      },
      cwd,
    );
    expect(notices).toEqual([]);
    expect(options).toMatchObject({
      host: "0.0.0.0",
      port: 4999,
      publicUrl: "http://sandbox.test:4999",
      issuer: "https://api.mobilepay.dk/merchant",
      dataDir: path.join(cwd, "elsewhere"),
      accessTokenTtlSeconds: 60,
      controlToken: "a-long-enough-control-token",
    });
    expect(options.clients).toEqual([
      {
        clientId: "console",
        clientSecret: "s3cret",
        clientName: "MobilePay Link Console",
        redirectUris: ["http://localhost:3000/a", "http://localhost:3000/b"],
        refreshTokenUsage: "ReUse",
      },
      {
        clientId: "second",
        clientSecret: "x",
        redirectUris: ["http://127.0.0.1:7890/cb"],
        refreshTokenUsage: "OneTime",
      },
    ]);
  });

  it("refuses an invalid environment with a readable message", async () => {
    await expect(optionsFromEnv({ SANDBOX_REFRESH_MODE: "Sometimes" }, cwd)).rejects.toThrow("SANDBOX_REFRESH_MODE");
    await expect(optionsFromEnv({ SANDBOX_PORT: "not-a-port" }, cwd)).rejects.toThrow("SANDBOX_PORT");
    await expect(optionsFromEnv({ SANDBOX_CONTROL_TOKEN: "short" }, cwd)).rejects.toThrow("SANDBOX_CONTROL_TOKEN");
    await expect(optionsFromEnv({ SANDBOX_EXTRA_CLIENTS: "[{" }, cwd)).rejects.toThrow(
      "SANDBOX_EXTRA_CLIENTS is not valid JSON",
    );
    await expect(optionsFromEnv({ SANDBOX_EXTRA_CLIENTS: '[{"clientId":"x"}]' }, cwd)).rejects.toThrow(
      "Invalid SANDBOX_EXTRA_CLIENTS",
    );
  });
});
