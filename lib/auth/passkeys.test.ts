import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as AuthenticateModule from "./authenticate-staff";
import type * as PasskeySignInModule from "./authenticate-with-passkey";
import type * as EnrolModule from "./enrol-totp";
import type * as FindActiveStaffModule from "./find-active-staff";
import type * as FreshModule from "./fresh-second-factor";
import type * as ManageModule from "./manage-passkeys";
import type * as PasswordModule from "./password";
import type * as RegisterModule from "./register-passkey";
import { SoftwareAuthenticator, type Ceremony } from "./testing/software-authenticator";
import type * as AssertionModule from "./verify-passkey-assertion";

let db: Database;
let register: typeof RegisterModule;
let assertion: typeof AssertionModule;
let passkeySignIn: typeof PasskeySignInModule;
let authenticate: typeof AuthenticateModule;
let manage: typeof ManageModule;
let fresh: typeof FreshModule;
let enrol: typeof EnrolModule;
let activeStaff: typeof FindActiveStaffModule;
let password: typeof PasswordModule;

withConsoleDatabase(async (client) => {
  db = client;
  register = await import("./register-passkey");
  assertion = await import("./verify-passkey-assertion");
  passkeySignIn = await import("./authenticate-with-passkey");
  authenticate = await import("./authenticate-staff");
  manage = await import("./manage-passkeys");
  fresh = await import("./fresh-second-factor");
  enrol = await import("./enrol-totp");
  activeStaff = await import("./find-active-staff");
  password = await import("./password");
});

/** The console under test answers at NEXTAUTH_URL http://localhost:3000. */
const CONSOLE: Ceremony = { origin: "http://localhost:3000", rpId: "localhost" };
const PASSWORD = "a long password";
const MINUTE = 60_000;

const address = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}`;

async function createStaff(role = "admin") {
  const email = `passkey-${randomBytes(4).toString("hex")}@example.com`;
  const staff = await db.staffUser.create({
    data: { email, name: "Pat Passkey", role, passwordHash: await password.hashPassword(PASSWORD) },
  });
  return { id: staff.id, email, name: staff.name };
}

async function registered(ceremony = CONSOLE) {
  const staff = await createStaff();
  const authenticator = new SoftwareAuthenticator();
  const options = await register.passkeyRegistrationOptions(staff);
  const response = authenticator.register(options.challenge, options.user.id, ceremony);
  const passkey = await register.registerPasskey(staff, { name: "Work laptop", response });
  return { staff, authenticator, passkey };
}

async function signInAnswer(authenticator: SoftwareAuthenticator, { ceremony = CONSOLE, issuedAt = new Date() } = {}) {
  const options = await assertion.passkeySignInOptions(issuedAt);
  return authenticator.authenticate(options.challenge, ceremony);
}

const signInWith = (response: Awaited<ReturnType<typeof signInAnswer>>) =>
  passkeySignIn.authenticateWithPasskey({ response, address: address() });

describe(`passkeys on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("registers a passkey against a challenge made for the staff member, audited, counting as a second factor", async () => {
    const { staff, passkey } = await registered();
    const stored = await db.staffPasskey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(stored).toMatchObject({ staffId: staff.id, name: "Work laptop", transports: "internal", lastUsedAt: null });
    expect(await db.passkeyChallenge.count({ where: { staffId: staff.id } })).toBe(0);
    expect(await enrol.hasSecondFactor(staff.id)).toBe(true);
    const { startStaffSession } = await import("./staff-session-records");
    const sessionId = await startStaffSession(db, { staffId: staff.id, signInMethod: "passkey", userAgent: "x" });
    const active = await activeStaff.findActiveStaff(db, { staffId: staff.id, sessionId, sessionGeneration: 0 });
    expect(active?.hasSecondFactor).toBe(true);
    const events = await db.auditEvent.findMany({ where: { actorId: staff.id } });
    expect(events.map((event) => [event.action, JSON.parse(event.details)])).toEqual([
      ["staff.second_factor_enrolled", { factor: "passkey", passkeyId: passkey.id, name: "Work laptop" }],
    ]);
    expect(await manage.listPasskeys(staff.id)).toEqual([
      { id: passkey.id, name: "Work laptop", createdAt: stored.createdAt, lastUsedAt: null },
    ]);
  });

  it("spends a registration challenge once, for its own staff member only, and not after it expired", async () => {
    const staff = await createStaff();
    const other = await createStaff();
    const options = await register.passkeyRegistrationOptions(staff);
    const first = new SoftwareAuthenticator();
    const answer = first.register(options.challenge, options.user.id, CONSOLE);
    await expect(register.registerPasskey(other, { name: "Stolen", response: answer })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    // Bound to its staff member: the other account's attempt did not spend it.
    await register.registerPasskey(staff, { name: "Laptop", response: answer });
    const second = new SoftwareAuthenticator();
    const replayed = second.register(options.challenge, options.user.id, CONSOLE);
    await expect(register.registerPasskey(staff, { name: "Again", response: replayed })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });

    const stale = await register.passkeyRegistrationOptions(staff, new Date(Date.now() - 3 * MINUTE));
    const late = new SoftwareAuthenticator().register(stale.challenge, stale.user.id, CONSOLE);
    await expect(register.registerPasskey(staff, { name: "Late", response: late })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await db.staffPasskey.count({ where: { staffId: staff.id } })).toBe(1);
  });

  it("refuses a registration made for another origin or rpID", async () => {
    const staff = await createStaff();
    for (const ceremony of [
      { origin: "https://console.example.net", rpId: "localhost" },
      { origin: CONSOLE.origin, rpId: "console.example.net" },
    ]) {
      const options = await register.passkeyRegistrationOptions(staff);
      const response = new SoftwareAuthenticator().register(options.challenge, options.user.id, ceremony);
      await expect(register.registerPasskey(staff, { name: "Elsewhere", response })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    expect(await db.staffPasskey.count({ where: { staffId: staff.id } })).toBe(0);
  });

  it("keeps one credential on one account", async () => {
    const { staff, authenticator } = await registered();
    const options = await register.passkeyRegistrationOptions(staff);
    expect(options.excludeCredentials?.map((credential) => credential.id)).toEqual([authenticator.id]);
    const other = await createStaff();
    const otherOptions = await register.passkeyRegistrationOptions(other);
    const again = authenticator.register(otherOptions.challenge, otherOptions.user.id, CONSOLE);
    await expect(register.registerPasskey(other, { name: "Same key", response: again })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("signs in without a password, through the throttle and the audit trail, with each challenge once", async () => {
    const { staff, authenticator, passkey } = await registered();
    const answer = await signInAnswer(authenticator);
    const outcome = await signInWith(answer);
    expect(outcome).toMatchObject({ kind: "signed-in", staff: { id: staff.id, email: staff.email, role: "admin" } });
    const stored = await db.staffPasskey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(stored.counter).toBe(1n);
    expect(stored.lastUsedAt).not.toBeNull();
    const signedIn = await db.auditEvent.findFirst({ where: { actorId: staff.id, action: "staff.signed_in" } });
    expect(JSON.parse(signedIn?.details ?? "{}")).toEqual({ method: "passkey", passkeyId: passkey.id });

    // The same answer again: its challenge is spent.
    expect((await signInWith(answer)).kind).toBe("refused");
    const failed = await db.auditEvent.findFirst({
      where: { action: "staff.sign_in_failed", details: { contains: staff.email } },
    });
    expect(JSON.parse(failed?.details ?? "{}")).toEqual({
      method: "passkey",
      email: staff.email,
      reason: "bad-passkey",
    });
  });

  it("refuses a sign-in challenge past its two minutes", async () => {
    const { authenticator } = await registered();
    const late = await signInAnswer(authenticator, { issuedAt: new Date(Date.now() - 3 * MINUTE) });
    expect((await signInWith(late)).kind).toBe("refused");
  });

  it("refuses a signature counter that did not move on, as from a cloned authenticator", async () => {
    const { authenticator, passkey } = await registered();
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("signed-in");
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("signed-in");
    authenticator.counter = 0; // the clone answers with counter 1, behind the stored 2
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("refused");
    expect((await db.staffPasskey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(2n);
  });

  it("refuses answers signed for another origin or rpID", async () => {
    const { authenticator } = await registered();
    for (const ceremony of [
      { origin: "https://console.example.net", rpId: "localhost" },
      { origin: CONSOLE.origin, rpId: "console.example.net" },
    ]) {
      expect((await signInWith(await signInAnswer(authenticator, { ceremony }))).kind).toBe("refused");
    }
  });

  it("refuses a disabled staff member's passkey and an unknown passkey alike", async () => {
    const { staff, authenticator } = await registered();
    await db.staffUser.update({ where: { id: staff.id }, data: { disabled: true } });
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("refused");
    const disabled = await db.auditEvent.findFirst({
      where: { action: "staff.sign_in_failed", details: { contains: staff.email } },
    });
    expect(JSON.parse(disabled?.details ?? "{}")).toMatchObject({ reason: "disabled" });
    expect((await signInWith(await signInAnswer(new SoftwareAuthenticator()))).kind).toBe("refused");
  });

  it("stands in for the code after a right password, but only the account's own passkey", async () => {
    const { staff, authenticator } = await registered();
    const stranger = await registered();
    const attempt = (secondFactorPasskey?: Awaited<ReturnType<typeof signInAnswer>>) =>
      authenticate.authenticateStaff({
        email: staff.email,
        password: PASSWORD,
        address: address(),
        secondFactorPasskey,
      });
    expect((await attempt()).kind).toBe("second-factor-required");
    expect((await attempt(await signInAnswer(stranger.authenticator))).kind).toBe("refused");
    expect((await attempt(await signInAnswer(authenticator))).kind).toBe("signed-in");
    const signedIn = await db.auditEvent.findFirst({ where: { actorId: staff.id, action: "staff.signed_in" } });
    expect(JSON.parse(signedIn?.details ?? "{}")).toEqual({ method: "password", secondFactor: "passkey" });
  });

  it("keeps the second factor fresh for a few minutes after the passkey signed", async () => {
    const { staff, authenticator } = await registered();
    await expect(fresh.requireFreshSecondFactor(staff.id, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("signed-in");
    await expect(fresh.requireFreshSecondFactor(staff.id, {})).resolves.toBeUndefined();
    await expect(
      fresh.requireFreshSecondFactor(staff.id, {}, new Date(Date.now() + fresh.FRESH_SECOND_FACTOR_MS + MINUTE)),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("confirms a stale factor with the account's own passkey, once per challenge, listing only its passkeys", async () => {
    const { staff, authenticator, passkey } = await registered();
    const stranger = await registered();
    const options = await assertion.passkeyConfirmationOptions(staff.id);
    expect(options.allowCredentials?.map((credential) => credential.id)).toEqual([
      (await db.staffPasskey.findUniqueOrThrow({ where: { id: passkey.id } })).credentialId,
    ]);
    await expect(fresh.requireFreshSecondFactor(staff.id, {})).rejects.toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: { secondFactorPasskey: [expect.any(String)] },
    });
    // Another account's passkey, even over a challenge issued for this one, proves nothing.
    const strangers = stranger.authenticator.authenticate(options.challenge, CONSOLE);
    await expect(fresh.requireFreshSecondFactor(staff.id, { passkey: strangers })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { secondFactorPasskey: [expect.any(String)] },
    });
    const own = authenticator.authenticate((await assertion.passkeyConfirmationOptions(staff.id)).challenge, CONSOLE);
    await expect(fresh.requireFreshSecondFactor(staff.id, { passkey: own })).resolves.toBeUndefined();
    // The same answer again, once the factor is stale: its challenge is spent.
    const later = new Date(Date.now() + fresh.FRESH_SECOND_FACTOR_MS + MINUTE);
    await expect(fresh.requireFreshSecondFactor(staff.id, { passkey: own }, later)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    // A code is no proof for an account without an authenticator app.
    await expect(fresh.requireFreshSecondFactor(staff.id, { code: "123456" }, later)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("removes a passkey of one's own with a fresh factor, audited, and it signs in no more", async () => {
    const { staff, authenticator, passkey } = await registered();
    const other = await createStaff();
    await expect(manage.removePasskey(other, passkey.id, undefined)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Registered but never used: not fresh, and a passkey-only account has no code to give.
    await expect(manage.removePasskey(staff, passkey.id, undefined)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const answerBeforeRemoval = await signInAnswer(authenticator);
    expect((await signInWith(await signInAnswer(authenticator))).kind).toBe("signed-in");
    await manage.removePasskey(staff, passkey.id, undefined);
    expect(await db.staffPasskey.count({ where: { staffId: staff.id } })).toBe(0);
    const removed = await db.auditEvent.findFirst({
      where: { actorId: staff.id, action: "staff.second_factor_removed" },
    });
    expect(JSON.parse(removed?.details ?? "{}")).toEqual({
      factor: "passkey",
      passkeyId: passkey.id,
      name: "Work laptop",
    });
    expect((await signInWith(answerBeforeRemoval)).kind).toBe("refused");
    expect(await enrol.hasSecondFactor(staff.id)).toBe(false);
  });
});
