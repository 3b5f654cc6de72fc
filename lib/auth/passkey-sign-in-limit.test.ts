import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { handleAuthRequest as HandleAuthRequest } from "@/lib/next-auth/auth-route";

import type * as LimitModule from "./passkey-sign-in-limit";

/** The public passkey sign-in endpoints answer 429 with Retry-After once an address asked too often. */
let limit: typeof LimitModule;
let optionsRoute: (request: NextRequest) => Promise<Response>;
let handleAuthRequest: typeof HandleAuthRequest;

// The proof this process stamps on every connection's address; set here as the server would at start.
const PROOF = "passkey-limit-test-proof-000000";
(globalThis as Record<symbol, string>)[Symbol.for("mobilepay-link-console.peer-proof")] = PROOF;

withConsoleDatabase(async () => {
  limit = await import("./passkey-sign-in-limit");
  ({ POST: optionsRoute } = await import("@/app/api/passkey-sign-in/route"));
  ({ handleAuthRequest } = await import("@/lib/next-auth/auth-route"));
});

function from(address: string, url: string, init: { body?: string; contentType?: string } = {}) {
  return new NextRequest(url, {
    method: "POST",
    body: init.body,
    headers: {
      "sec-fetch-site": "same-origin",
      "x-console-peer-address": address,
      "x-console-peer-proof": PROOF,
      ...(init.contentType ? { "content-type": init.contentType } : {}),
    },
  });
}

const askForOptions = (address: string) => optionsRoute(from(address, "http://localhost:3000/api/passkey-sign-in"));

describe(`passkey sign-in limits on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("gives an address its options up to the limit, then 429 with Retry-After; other addresses go on", async () => {
    const { maxAttempts, windowMs } = limit.PASSKEY_SIGN_IN_ADDRESS_POLICY;
    for (let request = 0; request < maxAttempts; request += 1) {
      expect((await askForOptions("198.51.100.7")).status).toBe(200);
    }
    const refused = await askForOptions("198.51.100.7");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
    expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    const other = await askForOptions("198.51.100.8");
    expect(other.status).toBe(200);
    expect(await other.json()).toHaveProperty("options.challenge");
  });

  it("refuses a passkey's answer from an address over its limit before next-auth sees it", async () => {
    const address = "203.0.113.77";
    for (let request = 0; request < limit.PASSKEY_SIGN_IN_ADDRESS_POLICY.maxAttempts; request += 1) {
      expect(await limit.reservePasskeySignInRequest("verify", address)).toEqual({ allowed: true });
    }
    const answer = from(address, "http://localhost:3000/api/auth/callback/passkey", {
      body: new URLSearchParams({ response: "{}", csrfToken: "x", json: "true" }).toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    const refused = await handleAuthRequest(answer, {
      params: Promise.resolve({ nextauth: ["callback", "passkey"] }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The sign-in page's script reads the URL next-auth would have answered, and shows "too many attempts".
    expect(await refused.json()).toMatchObject({ url: "http://localhost:3000/sign-in?error=Throttled" });
    // Each step counts apart: the same address may still ask for options.
    expect((await askForOptions(address)).status).toBe(200);
  });
});
