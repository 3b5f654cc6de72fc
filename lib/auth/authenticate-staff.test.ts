import { randomBytes } from "node:crypto";

import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { authenticateStaff as AuthenticateStaff } from "./authenticate-staff";
import { PAIR_POLICY } from "./login-throttle-policy";
import type * as PasswordModule from "./password";

/** Every password check the sign-in makes, counted: the limit is about how many guesses reach bcrypt. */
const passwordChecks = vi.hoisted(() => ({ count: 0 }));

vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof PasswordModule>();
  return {
    ...original,
    verifyPassword: (password: string, hash: string) => {
      passwordChecks.count += 1;
      return original.verifyPassword(password, hash);
    },
    burnPasswordCheck: (password: string) => {
      passwordChecks.count += 1;
      return original.burnPasswordCheck(password);
    },
  };
});

let db: Database;
let authenticateStaff: typeof AuthenticateStaff;
let hashPassword: (password: string) => Promise<string>;

withConsoleDatabase(async (client) => {
  db = client;
  ({ authenticateStaff } = await import("./authenticate-staff"));
  ({ hashPassword } = await import("./password"));
});

async function createStaff(password: string) {
  const email = `guessed-${randomBytes(4).toString("hex")}@example.com`;
  await db.staffUser.create({
    data: { email, name: "Guessed", role: "integrator", passwordHash: await hashPassword(password) },
  });
  return email;
}

beforeEach(() => {
  passwordChecks.count = 0;
});

describe(`parallel sign-in guesses on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("checks at most the limit of 60 simultaneous wrong passwords, then refuses the right one", async () => {
    const email = await createStaff("the-right-password");
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, guess) =>
        authenticateStaff({ email, password: `wrong-guess-${guess}`, address: "203.0.113.7" }),
      ),
    );
    expect(passwordChecks.count).toBeLessThanOrEqual(PAIR_POLICY.freeAttempts);
    expect(outcomes.filter((outcome) => outcome.kind === "refused")).toHaveLength(passwordChecks.count);
    expect(outcomes.filter((outcome) => outcome.kind === "throttled")).toHaveLength(60 - passwordChecks.count);

    const checksBefore = passwordChecks.count;
    const right = await authenticateStaff({ email, password: "the-right-password", address: "203.0.113.7" });
    expect(right.kind).toBe("throttled");
    expect(passwordChecks.count).toBe(checksBefore);
  }, 60_000);

  it("refuses the right password that joins a burst after the limit was reached", async () => {
    const email = await createStaff("the-right-password");
    const address = "203.0.113.8";
    // Which of many parallel requests reserves first is up to the database, and a right password reserved
    // within the limit rightly signs in (and clears the backoff). The right guess therefore joins the burst
    // only once the burst's wrong guesses have taken every free place.
    const wrong = Promise.all(
      Array.from({ length: 29 }, (_, guess) => authenticateStaff({ email, password: `wrong-guess-${guess}`, address })),
    );
    await vi.waitFor(
      async () => {
        const pair = await db.loginThrottle.findUnique({ where: { key: `pair:${email}|${address}` } });
        expect(pair?.failures ?? 0).toBeGreaterThanOrEqual(PAIR_POLICY.freeAttempts);
      },
      { timeout: 30_000, interval: 20 },
    );
    const right = await authenticateStaff({ email, password: "the-right-password", address });
    const outcomes = await wrong;

    expect(right.kind).toBe("throttled");
    expect(passwordChecks.count).toBeLessThanOrEqual(PAIR_POLICY.freeAttempts);
    expect(outcomes.filter((outcome) => outcome.kind === "refused")).toHaveLength(passwordChecks.count);
  }, 60_000);

  it("does not let a stranger's guesses lock the owner out from their own address", async () => {
    const email = await createStaff("the-right-password");
    for (let guess = 0; guess < 8; guess += 1) {
      await authenticateStaff({ email, password: `wrong-guess-${guess}`, address: "198.51.100.66" });
    }
    const stranger = await authenticateStaff({ email, password: "the-right-password", address: "198.51.100.66" });
    expect(stranger.kind).toBe("throttled");
    const owner = await authenticateStaff({ email, password: "the-right-password", address: "192.0.2.10" });
    expect(owner.kind).toBe("signed-in");
  }, 60_000);

  it("gives a successful sign-in its place back and clears the backoff of its address", async () => {
    const email = await createStaff("the-right-password");
    for (let guess = 0; guess < PAIR_POLICY.freeAttempts - 1; guess += 1) {
      await authenticateStaff({ email, password: `wrong-guess-${guess}`, address: "192.0.2.20" });
    }
    expect((await authenticateStaff({ email, password: "the-right-password", address: "192.0.2.20" })).kind).toBe(
      "signed-in",
    );
    expect(await db.loginThrottle.findUnique({ where: { key: `pair:${email}|192.0.2.20` } })).toBeNull();
    expect(await db.loginThrottle.findUnique({ where: { key: `account:${email}` } })).toMatchObject({
      failures: PAIR_POLICY.freeAttempts - 1,
    });
  }, 60_000);
});
