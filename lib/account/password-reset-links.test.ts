import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { createPasswordResetLink as CreatePasswordResetLink } from "./create-password-reset-link";
import type * as ResetPasswordWithLinkModule from "./reset-password-with-link";
import type * as PasswordResetTokenModule from "./password-reset-token";
import type { findActiveStaff as FindActiveStaff } from "@/lib/auth/find-active-staff";
import type { startStaffSession as StartStaffSession } from "@/lib/auth/staff-session-records";
import type { verifyPassword as VerifyPassword } from "@/lib/auth/password";

/** Password reset links: made by an admin, used once by the person, and telling nobody anything else. */
let db: Database;
let createPasswordResetLink: typeof CreatePasswordResetLink;
let reset: typeof ResetPasswordWithLinkModule;
let tokens: typeof PasswordResetTokenModule;
let findActiveStaff: typeof FindActiveStaff;
let startStaffSession: typeof StartStaffSession;
let verifyPassword: typeof VerifyPassword;

withConsoleDatabase(async (client) => {
  db = client;
  ({ createPasswordResetLink } = await import("./create-password-reset-link"));
  reset = await import("./reset-password-with-link");
  tokens = await import("./password-reset-token");
  ({ findActiveStaff } = await import("@/lib/auth/find-active-staff"));
  ({ startStaffSession } = await import("@/lib/auth/staff-session-records"));
  ({ verifyPassword } = await import("@/lib/auth/password"));
});

const admin = { type: "staff" as const, id: "admin-1", label: "admin@example.com" };

async function staffMember(options: { disabled?: boolean } = {}) {
  const email = `r-${randomBytes(4).toString("hex")}@example.com`;
  return db.staffUser.create({
    data: { email, name: "Rae Reset", role: "integrator", passwordHash: "x", disabled: options.disabled ?? false },
  });
}

const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

async function expectUnusable(token: string, now?: Date) {
  expect(await reset.findUsablePasswordReset(token, now)).toBeNull();
  await expect(reset.resetPasswordWithLink({ token, password: "another-good-password" }, now)).rejects.toMatchObject({
    code: "NOT_FOUND",
    userMessage: reset.UNUSABLE_RESET_LINK_MESSAGE,
  });
}

describe(`password reset links on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("holds a 256-bit token only as its SHA-256, in a link on the console's own URL", async () => {
    const staff = await staffMember();
    const { url, email, expiresAt } = await createPasswordResetLink({ staffId: staff.id, actor: admin });
    expect(url).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(email).toBe(staff.email);
    const token = tokenOf(url);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const stored = await db.staffPasswordReset.findFirstOrThrow({ where: { staffId: staff.id } });
    expect(stored.tokenHash).toBe(tokens.passwordResetTokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(expiresAt.getTime() - stored.createdAt.getTime()).toBe(tokens.PASSWORD_RESET_LIFETIME_MS);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "staff.password_reset_link_created" } });
    expect(audit.details).not.toContain(token);
    expect(await reset.findUsablePasswordReset(token)).toEqual({ email: staff.email });
  });

  it("works once: sets the password, ends every session, lifts the sign-in limits; then reads as unusable", async () => {
    const staff = await staffMember();
    const sessionId = await startStaffSession(db, { staffId: staff.id, signInMethod: "password", userAgent: "x" });
    const session = { staffId: staff.id, sessionId, sessionGeneration: staff.sessionGeneration };
    await db.loginThrottle.createMany({
      data: [
        { key: `account:${staff.email}`, failures: 100 },
        { key: `pair:${staff.email}|198.51.100.7`, failures: 5, lockedUntil: new Date(Date.now() + 60_000) },
      ],
    });
    const token = tokenOf((await createPasswordResetLink({ staffId: staff.id, actor: admin })).url);

    expect(await reset.resetPasswordWithLink({ token, password: "a-good-new-password" })).toEqual({
      email: staff.email,
    });
    const stored = await db.staffUser.findUniqueOrThrow({ where: { id: staff.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("a-good-new-password", stored.passwordHash)).toBe(true);
    expect(await findActiveStaff(db, session)).toBeNull();
    expect(await db.staffSession.count({ where: { staffId: staff.id, endedAt: null } })).toBe(0);
    expect(await db.loginThrottle.count({ where: { key: { contains: staff.email } } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "staff.password_reset", actorId: staff.id },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ staffId: staff.id, sessionsEnded: 1 });

    await expectUnusable(token);
    const again = await db.staffUser.findUniqueOrThrow({ where: { id: staff.id }, omit: { passwordHash: false } });
    expect(again.passwordHash).toBe(stored.passwordHash);
  });

  it("lets only one of two simultaneous submissions through", async () => {
    const staff = await staffMember();
    const token = tokenOf((await createPasswordResetLink({ staffId: staff.id, actor: admin })).url);
    const outcomes = await Promise.allSettled([
      reset.resetPasswordWithLink({ token, password: "first-new-password" }),
      reset.resetPasswordWithLink({ token, password: "second-new-password" }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "staff.password_reset", actorId: staff.id } })).toBe(1);
  });

  it("expires after its lifetime", async () => {
    const staff = await staffMember();
    const made = new Date();
    const token = tokenOf((await createPasswordResetLink({ staffId: staff.id, actor: admin }, made)).url);
    const justBefore = new Date(made.getTime() + tokens.PASSWORD_RESET_LIFETIME_MS - 1_000);
    expect(await reset.findUsablePasswordReset(token, justBefore)).not.toBeNull();
    await expectUnusable(token, new Date(made.getTime() + tokens.PASSWORD_RESET_LIFETIME_MS));
  });

  it("a new link of the same person replaces the older ones; another person's link is untouched", async () => {
    const staff = await staffMember();
    const bystander = await staffMember();
    const first = tokenOf((await createPasswordResetLink({ staffId: staff.id, actor: admin })).url);
    const theirs = tokenOf((await createPasswordResetLink({ staffId: bystander.id, actor: admin })).url);
    const second = tokenOf((await createPasswordResetLink({ staffId: staff.id, actor: admin })).url);
    await expectUnusable(first);
    expect(await reset.findUsablePasswordReset(second)).toEqual({ email: staff.email });
    expect(await reset.findUsablePasswordReset(theirs)).toEqual({ email: bystander.email });
  });

  it("answers an unknown, malformed, used, expired or replaced link alike, naming no account", async () => {
    for (const token of [tokens.newPasswordResetToken(), "short", "../../etc/passwd", "é".repeat(43)]) {
      await expectUnusable(token);
    }
    const disabled = await staffMember({ disabled: true });
    await expect(createPasswordResetLink({ staffId: disabled.id, actor: admin })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(createPasswordResetLink({ staffId: "no-such-staff", actor: admin })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Disabled after the link was made: the link stops working, with the same message.
    const later = await staffMember();
    const token = tokenOf((await createPasswordResetLink({ staffId: later.id, actor: admin })).url);
    await db.staffUser.update({ where: { id: later.id }, data: { disabled: true } });
    await expectUnusable(token);
    expect(reset.UNUSABLE_RESET_LINK_MESSAGE).not.toMatch(/expired|was used|already|unknown|@/i);
  });
});
