import { randomBytes } from "node:crypto";

import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { precheckLinkCallback, PrecheckInput } from "./precheck-link-callback";

/**
 * Which responses belong to a link attempt. Anyone can make the merchant's browser send a response to the callback
 * (with the link cookies, which are SameSite=None), so only one carrying the attempt's state may consume it or
 * speak for its consent link.
 */
let db: Database;
let precheck: typeof precheckLinkCallback;
let sandbox: MobilePayEnvironment;
let stateCookieName: string;
let nonceCookieName: string;
let secret: string;

withConsoleDatabase(async (client) => {
  db = client;
  ({ precheckLinkCallback: precheck } = await import("./precheck-link-callback"));
  const found = (await import("@/lib/mobilepay/environments")).getEnvironments().find((env) => env.id === "sandbox");
  if (!found) throw new Error("the sandbox environment is not configured");
  sandbox = found;
  const { OAUTH_CHECK_COOKIE_NAMES } = await import("@/lib/links/oauth-check-cookies");
  stateCookieName = OAUTH_CHECK_COOKIE_NAMES.state;
  nonceCookieName = OAUTH_CHECK_COOKIE_NAMES.nonce;
  secret = (await import("@/lib/env")).getEnv().NEXTAUTH_SECRET;
});

let counter = 0;

/** A consent link opened in the merchant's browser, which is now at MobilePay with these cookies. */
async function attemptInProgress() {
  counter += 1;
  const invitation = await db.invitation.create({
    data: {
      tokenHash: randomBytes(16).toString("hex"),
      merchantName: `Waiting ${counter} ApS`,
      vatNumber: `DK3000${String(counter).padStart(4, "0")}`,
      products: "invoice subscriptions",
      environment: "sandbox",
      status: "opened",
      expiresAt: new Date(Date.now() + 3_600_000),
      createdById: "staff-1",
      createdByLabel: "Ida Integrator",
    },
  });
  const transaction = await db.linkTransaction.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      invitationId: invitation.id,
      environment: "sandbox",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  const state = randomBytes(32).toString("base64url");
  const cookies = {
    transaction: transaction.id,
    state: await encode({ token: { value: state }, secret, salt: stateCookieName }),
    nonce: await encode({ token: { value: randomBytes(16).toString("hex") }, secret, salt: nonceCookieName }),
  };
  return { invitationId: invitation.id, transactionId: transaction.id, state, cookies };
}

type Attempt = Awaited<ReturnType<typeof attemptInProgress>>;

function respond(attempt: Attempt, method: string, fields: Record<string, string>): ReturnType<typeof precheck> {
  const input: PrecheckInput = {
    environment: sandbox,
    method,
    form: new URLSearchParams(fields),
    cookies: attempt.cookies,
  };
  return precheck(input);
}

/** A code and an id_token in the right shape, as a forger can make them. */
const FAKE_ANSWER = { code: "forged-code", id_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" };

async function consumedAt(attempt: Attempt): Promise<Date | null> {
  const row = await db.linkTransaction.findUniqueOrThrow({ where: { id: attempt.transactionId } });
  return row.consumedAt;
}

async function expectAttemptUntouched(
  outcome: Awaited<ReturnType<typeof precheck>>,
  attempt: Attempt,
  failedCheck: string = "state",
) {
  expect(outcome.kind).toBe("refused");
  if (outcome.kind !== "refused") return;
  expect(outcome.transactionLeftOpen).toBe(true);
  expect(outcome.invitationId).toBeUndefined();
  expect(outcome.failedCheck).toBe(failedCheck);
  expect(outcome.checks.find((check) => check.name === "state")?.passed).toBe(false);
  expect(await consumedAt(attempt)).toBeNull();
}

describe("precheckLinkCallback: a response that does not carry the attempt's state changes nothing", () => {
  it("leaves the attempt open after a forged form POST with a wrong state", async () => {
    const attempt = await attemptInProgress();
    const outcome = await respond(attempt, "POST", { ...FAKE_ANSWER, state: "forged" });
    await expectAttemptUntouched(outcome, attempt);
    expect(outcome.kind === "refused" && outcome.reason).toContain("left open");
  });

  it("does not believe a forged access_denied with a wrong or missing state", async () => {
    const attempt = await attemptInProgress();
    await expectAttemptUntouched(await respond(attempt, "POST", { error: "access_denied", state: "forged" }), attempt);
    await expectAttemptUntouched(await respond(attempt, "POST", { error: "access_denied" }), attempt);
  });

  it("does not tie a query (GET) response with a wrong state to the consent link", async () => {
    const attempt = await attemptInProgress();
    const outcome = await respond(attempt, "GET", { ...FAKE_ANSWER, state: "forged" });
    await expectAttemptUntouched(outcome, attempt, "response_mode");
  });

  it("ignores a malformed response, whose state cannot be compared", async () => {
    const attempt = await attemptInProgress();
    const form = new URLSearchParams([
      ["code", "x"],
      ["state", attempt.state],
      ["state", "forged"],
    ]);
    const outcome = await precheck({ environment: sandbox, method: "POST", form, cookies: attempt.cookies });
    await expectAttemptUntouched(outcome, attempt);
  });

  it("lets MobilePay's own answer end the attempt after a forged one", async () => {
    const attempt = await attemptInProgress();
    await respond(attempt, "POST", { ...FAKE_ANSWER, state: "forged" });
    const genuine = await respond(attempt, "POST", { error: "access_denied", state: attempt.state });
    expect(genuine).toMatchObject({
      kind: "refused",
      transactionLeftOpen: false,
      invitationId: attempt.invitationId,
      failedCheck: "authorization_error",
    });
    expect(await consumedAt(attempt)).not.toBeNull();
  });
});

describe("precheckLinkCallback: a response that carries the attempt's state ends it", () => {
  it("records the merchant's cancellation on the consent link", async () => {
    const attempt = await attemptInProgress();
    const outcome = await respond(attempt, "POST", { error: "access_denied", state: attempt.state });
    expect(outcome).toMatchObject({ kind: "refused", invitationId: attempt.invitationId, transactionLeftOpen: false });
    expect(outcome.kind === "refused" && outcome.reason).toContain("The merchant cancelled the consent");
    const state = outcome.kind === "refused" ? outcome.checks.find((check) => check.name === "state") : undefined;
    expect(state?.passed).toBe(true);
    expect(await consumedAt(attempt)).not.toBeNull();
  });

  it("ties a query (GET) response to its consent link with the reason, and spends the attempt", async () => {
    const attempt = await attemptInProgress();
    const outcome = await respond(attempt, "GET", { ...FAKE_ANSWER, state: attempt.state });
    expect(outcome).toMatchObject({
      kind: "refused",
      invitationId: attempt.invitationId,
      failedCheck: "response_mode",
      transactionLeftOpen: false,
    });
    expect(outcome.kind === "refused" && outcome.reason).toContain("did not arrive as a form POST");
    expect(await consumedAt(attempt)).not.toBeNull();
  });

  it("refuses the second of two answers to one attempt on its consent link", async () => {
    const attempt = await attemptInProgress();
    await respond(attempt, "POST", { error: "access_denied", state: attempt.state });
    const replay = await respond(attempt, "POST", { error: "access_denied", state: attempt.state });
    expect(replay).toMatchObject({ kind: "refused", invitationId: attempt.invitationId, failedCheck: "transaction" });
  });
});
