import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as AuthenticateModule from "./authenticate-staff";
import type * as EnrolModule from "./enrol-totp";
import type * as PasswordModule from "./password";
import { totpCodeAt } from "./totp";
import type * as VerifyModule from "./verify-second-factor";

let db: Database;
let enrol: typeof EnrolModule;
let verify: typeof VerifyModule;
let authenticate: typeof AuthenticateModule;
let password: typeof PasswordModule;

withConsoleDatabase(async (client) => {
  db = client;
  enrol = await import("./enrol-totp");
  verify = await import("./verify-second-factor");
  authenticate = await import("./authenticate-staff");
  password = await import("./password");
});

const STEP_MS = 30_000;

async function createStaff() {
  const email = `factor-${randomBytes(4).toString("hex")}@example.com`;
  const staff = await db.staffUser.create({
    data: { email, name: "Ada Admin", role: "admin", passwordHash: await password.hashPassword("a long password") },
  });
  return { id: staff.id, email };
}

async function enrolled() {
  const staff = await createStaff();
  const { secret } = await enrol.startTotpEnrolment(staff);
  const now = new Date();
  const recoveryCodes = await enrol.confirmTotpEnrolment(staff, totpCodeAt(secret, now), now);
  return { staff, secret, recoveryCodes };
}

const later = (steps: number) => new Date(Date.now() + steps * STEP_MS);

describe(`second factor on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("enrols an app only with a right code, keeps its secret encrypted, and answers ten recovery codes", async () => {
    const staff = await createStaff();
    const { secret, uri } = await enrol.startTotpEnrolment(staff);
    expect(uri).toContain(encodeURIComponent(staff.email));
    await expect(enrol.confirmTotpEnrolment(staff, "000000")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await enrol.hasSecondFactor(staff.id)).toBe(false);

    const codes = await enrol.confirmTotpEnrolment(staff, totpCodeAt(secret, new Date()));
    expect(codes).toHaveLength(10);
    expect(await enrol.hasSecondFactor(staff.id)).toBe(true);
    const row = await db.staffUser.findUniqueOrThrow({
      where: { id: staff.id },
      omit: { totpSecret: false, totpPendingSecret: false },
    });
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    expect(row.totpPendingSecret).toBeNull();
    const stored = await db.staffRecoveryCode.findMany({ where: { staffId: staff.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replaceAll("-", ""));
    const events = await db.auditEvent.findMany({ where: { actorId: staff.id } });
    expect(events.map((event) => event.action)).toEqual(["staff.second_factor_enrolled"]);
  });

  it("accepts an app code once, and each recovery code once", async () => {
    const { staff, secret, recoveryCodes } = await enrolled();
    const next = totpCodeAt(secret, later(1));
    expect(await verify.verifySecondFactor(staff.id, next)).toBe("totp");
    expect(await verify.verifySecondFactor(staff.id, next)).toBeNull();

    const [first, second] = recoveryCodes as [string, string];
    expect(await verify.verifySecondFactor(staff.id, first.toLowerCase())).toBe("recovery-code");
    expect(await verify.verifySecondFactor(staff.id, first)).toBeNull();
    expect(await verify.verifySecondFactor(staff.id, second)).toBe("recovery-code");
  });

  it("does not let two requests spend one code", async () => {
    const { staff, secret, recoveryCodes } = await enrolled();
    const code = totpCodeAt(secret, later(1));
    const both = await Promise.all([
      verify.verifySecondFactor(staff.id, code),
      verify.verifySecondFactor(staff.id, code),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const recovery = recoveryCodes[0]!;
    const twice = await Promise.all([
      verify.verifySecondFactor(staff.id, recovery),
      verify.verifySecondFactor(staff.id, recovery),
    ]);
    expect(twice.filter(Boolean)).toHaveLength(1);
  });

  it("asks a right password for the code, refuses a wrong code and signs in with a right one", async () => {
    const { staff, secret } = await enrolled();
    const attempt = (secondFactorCode?: string) =>
      authenticate.authenticateStaff({
        email: staff.email,
        password: "a long password",
        address: "192.0.2.44",
        secondFactorCode,
      });
    expect((await attempt()).kind).toBe("second-factor-required");
    // Being asked for the code is no failure: the address and the account do not count it against their ceilings.
    for (const key of ["address:192.0.2.44", `account:${staff.email}`]) {
      expect((await db.loginThrottle.findUnique({ where: { key } }))?.failures ?? 0).toBe(0);
    }
    expect((await attempt("123456")).kind).toBe("refused");
    const signedIn = await attempt(totpCodeAt(secret, later(1)));
    expect(signedIn.kind).toBe("signed-in");
    const wrongPassword = await authenticate.authenticateStaff({
      email: staff.email,
      password: "not the password",
      address: "192.0.2.44",
      secondFactorCode: totpCodeAt(secret, later(1)),
    });
    expect(wrongPassword.kind).toBe("refused");
    const failures = await db.auditEvent.findMany({
      where: { action: "staff.sign_in_failed", details: { contains: staff.email } },
    });
    expect(failures.map((event) => JSON.parse(event.details) as { reason: string }).map((d) => d.reason)).toEqual([
      "bad-second-factor",
      "bad-credentials",
    ]);
  });

  it("removes the app only with a current code, and its recovery codes with it", async () => {
    const { staff, secret } = await enrolled();
    await expect(enrol.removeTotp(staff, "111111")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await enrol.hasSecondFactor(staff.id)).toBe(true);
    await enrol.removeTotp(staff, totpCodeAt(secret, later(1)));
    expect(await enrol.hasSecondFactor(staff.id)).toBe(false);
    expect(await db.staffRecoveryCode.count({ where: { staffId: staff.id } })).toBe(0);
    expect(
      (await authenticate.authenticateStaff({ email: staff.email, password: "a long password", address: "192.0.2.45" }))
        .kind,
    ).toBe("signed-in");
  });
});

describe(`a fresh second factor for handing out a secret, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("passes within minutes of the last code, then asks for a current one and refuses a wrong one", async () => {
    const { requireFreshSecondFactor, FRESH_SECOND_FACTOR_MS } = await import("./fresh-second-factor");
    const { staff, secret } = await enrolled();
    await expect(requireFreshSecondFactor(staff.id, {})).resolves.toBeUndefined();

    const stale = new Date(Date.now() + FRESH_SECOND_FACTOR_MS + 2 * STEP_MS);
    await expect(requireFreshSecondFactor(staff.id, {}, stale)).rejects.toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: { secondFactorCode: [expect.any(String)] },
    });
    await expect(requireFreshSecondFactor(staff.id, { code: "000000" }, stale)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      requireFreshSecondFactor(staff.id, { code: totpCodeAt(secret, stale) }, stale),
    ).resolves.toBeUndefined();
  });

  it("asks nothing of staff without a second factor", async () => {
    const { requireFreshSecondFactor } = await import("./fresh-second-factor");
    const staff = await createStaff();
    await expect(requireFreshSecondFactor(staff.id, {}, new Date(Date.now() + 86_400_000))).resolves.toBeUndefined();
  });
});
