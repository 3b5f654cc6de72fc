import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { TokenCipher } from "@/lib/crypto/token-cipher";
import type { getDb } from "@/lib/db/client";
import { startLifecycleHarness, type LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";

import type { createWebhookEndpoint } from "./create-webhook-endpoint";
import type { resealSigningSecrets } from "./reseal-signing-secrets";
import type { openSigningSecret } from "./signing-secret";
import type { TWebhookEndpointInput } from "./webhook-endpoint-schemas";

/** keys:rotate moves signing secrets to the current key too, so an old key can leave the keyring (SQLite and PostgreSQL). */
const newKey = randomBytes(32);
const oldKey = randomBytes(32);
const oldCipher = new TokenCipher([{ id: "old", key: oldKey }]);
let harness: LifecycleHarness;
let db: ReturnType<typeof getDb>;
let create: typeof createWebhookEndpoint;
let reseal: typeof resealSigningSecrets;
let open: typeof openSigningSecret;

beforeAll(async () => {
  harness = await startLifecycleHarness({
    extraEnv: () => ({ TOKEN_ENCRYPTION_KEYS: `new:${newKey.toString("base64")},old:${oldKey.toString("base64")}` }),
  });
  db = (await import("@/lib/db/client")).getDb();
  ({ createWebhookEndpoint: create } = await import("./create-webhook-endpoint"));
  ({ resealSigningSecrets: reseal } = await import("./reseal-signing-secrets"));
  ({ openSigningSecret: open } = await import("./signing-secret"));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const admin: CurrentStaff = { id: "a1", email: "admin@example.com", name: "Ada", role: "admin" };
const input: TWebhookEndpointInput = {
  url: "https://hooks.example.com/in",
  kind: "generic",
  description: "",
  eventTypes: [],
  environments: [],
};

describe(`re-encrypting signing secrets on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("seals secrets under an older key with the current one, and leaves current ones alone", async () => {
    const { endpoint: old } = await create({ staff: admin, input });
    await create({ staff: admin, input });
    // As sealed before the new key came first: the current secret and, mid-rotation, the previous one.
    await db.webhookEndpoint.update({
      where: { id: old.id },
      data: {
        secretCiphertext: oldCipher.encrypt("whsec_current", `webhook-endpoint|${old.id}|secret|v1`),
        previousSecretCiphertext: oldCipher.encrypt("whsec_previous", `webhook-endpoint|${old.id}|previousSecret|v1`),
        previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });

    expect(await reseal()).toEqual({ resealed: 1, alreadyCurrent: 1, failed: [] });
    const stored = await db.webhookEndpoint.findUniqueOrThrow({
      where: { id: old.id },
      omit: { secretCiphertext: false, previousSecretCiphertext: false },
    });
    expect(stored.secretCiphertext).toMatch(/^v1\.new\./);
    expect(stored.previousSecretCiphertext).toMatch(/^v1\.new\./);
    expect(open(stored.secretCiphertext, old.id)).toBe("whsec_current");
    expect(open(stored.previousSecretCiphertext!, old.id, "previousSecret")).toBe("whsec_previous");
    expect(await reseal()).toEqual({ resealed: 0, alreadyCurrent: 2, failed: [] });
  });
});
