import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { startLifecycleHarness, type LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";

import { linkMerchant } from "../../sandbox/test/support/hybrid-flow";
import { BO, CONSOLE_CLIENT } from "../../sandbox/test/support/test-sandbox";
import type { LinkCallbackContext } from "./link-callback-context";
import type { redeemLinkCode } from "./redeem-link-code";

/** The code exchange of a link callback against the sandbox OP, as next-auth's token request runs it. */
let harness: LifecycleHarness;
let redeem: typeof redeemLinkCode;
let run: <T>(context: LinkCallbackContext, work: () => Promise<T>) => Promise<T>;
let sandbox: MobilePayEnvironment;

beforeAll(async () => {
  harness = await startLifecycleHarness();
  ({ redeemLinkCode: redeem } = await import("./redeem-link-code"));
  const { linkCallbackContext } = await import("./link-callback-context");
  run = (context, work) => linkCallbackContext.run(context, work);
  const found = (await import("@/lib/mobilepay/environments")).getEnvironments().find((env) => env.id === "sandbox");
  if (!found) throw new Error("the sandbox environment is not configured");
  sandbox = found;
}, 120_000);
afterAll(async () => harness?.close());

function callbackContext(): LinkCallbackContext {
  return {
    environment: sandbox,
    transactionId: "transaction",
    invitationId: "invitation",
    frontChannel: { subject: "sub", issuer: sandbox.expectedIssuer, nonce: "nonce" },
    checks: [],
    nextAuthErrors: [],
  };
}

async function authorizationCode() {
  const link = await linkMerchant(harness.sandbox.url, {
    client: CONSOLE_CLIENT,
    email: BO.email,
    password: BO.password,
  });
  return { code: link.code, codeVerifier: link.secrets.codeVerifier, redirectUri: CONSOLE_CLIENT.redirectUri };
}

describe("redeemLinkCode", () => {
  it("hands a broken token endpoint id_token on unchecked, so the signIn callback's named checks judge it", async () => {
    await harness.control.json("POST", "/control/token-endpoint/id-token-fault", { kind: "bad-at-hash" });
    const context = callbackContext();
    const { tokens } = await run(context, async () => redeem(sandbox, await authorizationCode()));
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.id_token).toMatch(/^eyJ/);
    expect(tokens.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(context.tokenEndpointStatus).toBe(200);
    expect(context.tokenEndpointFailure).toBeUndefined();
  });

  it("records a refusing token endpoint under token_endpoint with its status and reason, never the code", async () => {
    const code = await authorizationCode();
    await run(callbackContext(), () => redeem(sandbox, code));
    const context = callbackContext();
    await expect(run(context, () => redeem(sandbox, code))).rejects.toThrow(/invalid_grant/);
    expect(context.tokenEndpointStatus).toBe(400);
    expect(context.tokenEndpointFailure).toMatchObject({ check: "token_endpoint" });
    expect(context.tokenEndpointFailure?.reason).toContain("invalid_grant");
    expect(JSON.stringify(context.tokenEndpointFailure)).not.toContain(code.code);
  });

  it("refuses to call the token endpoint without a PKCE verifier", async () => {
    const code = await authorizationCode();
    await expect(run(callbackContext(), () => redeem(sandbox, { ...code, codeVerifier: undefined }))).rejects.toThrow(
      /PKCE verifier/,
    );
  });
});
