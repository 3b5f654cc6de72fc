import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { newRecoveryCodes, recoveryCodeHash } from "@/lib/auth/recovery-codes";
import { openTotpSecret, sealTotpSecret } from "@/lib/auth/second-factor-secret";
import { acceptedTotpStep, newTotpSecret, totpUri } from "@/lib/auth/totp";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type Enrollee = { id: string; email: string };

const actorOf = (staff: Enrollee): Actor => ({ type: "staff", id: staff.id, label: staff.email });

/** Whether the staff member has an authenticator app set up now. */
export async function hasTotp(staffId: string): Promise<boolean> {
  const staff = await getDb().staffUser.findUnique({ where: { id: staffId }, select: { totpEnabledAt: true } });
  return Boolean(staff?.totpEnabledAt);
}

/** Whether the staff member has a second factor now: an authenticator app or a passkey. */
export async function hasSecondFactor(staffId: string): Promise<boolean> {
  return (await hasTotp(staffId)) || (await getDb().staffPasskey.count({ where: { staffId } })) > 0;
}

/**
 * Starts enrolling an authenticator app: a new secret is kept, encrypted, beside any enrolled one until a
 * code from the app confirms it. The secret and its URI go to this staff member's browser once.
 */
export async function startTotpEnrolment(staff: Enrollee): Promise<{ secret: string; uri: string }> {
  if (await hasTotp(staff.id)) {
    throw new AppError("CONFLICT", { userMessage: "An authenticator app is already set up. Remove it first." });
  }
  const secret = newTotpSecret();
  await getDb().staffUser.update({
    where: { id: staff.id },
    data: { totpPendingSecret: sealTotpSecret(staff.id, "totpPendingSecret", secret) },
  });
  return { secret, uri: totpUri(secret, staff.email) };
}

/** A code from the app confirms the enrolment; the answer is ten recovery codes, shown once. */
export async function confirmTotpEnrolment(staff: Enrollee, code: string, now = new Date()): Promise<string[]> {
  const db = getDb();
  const row = await db.staffUser.findUnique({ where: { id: staff.id }, select: { totpPendingSecret: true } });
  if (!row?.totpPendingSecret) {
    throw new AppError("CONFLICT", { userMessage: "Start the set-up again: no authenticator app is being set up." });
  }
  const secret = openTotpSecret(staff.id, "totpPendingSecret", row.totpPendingSecret);
  const step = acceptedTotpStep(secret, code, now, null);
  if (step === null) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "That code is not right. Check the time on your phone and enter the code shown now.",
      fieldErrors: { code: ["That code is not right."] },
    });
  }
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: {
        totpSecret: sealTotpSecret(staff.id, "totpSecret", secret),
        totpPendingSecret: null,
        totpEnabledAt: now,
        totpLastStep: step,
      },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: staff.id } });
    await tx.staffRecoveryCode.createMany({
      data: codes.map((code) => ({ staffId: staff.id, codeHash: recoveryCodeHash(code) })),
    });
    await recordAuditEvent(
      { actor: actorOf(staff), action: "staff.second_factor_enrolled", details: { factor: "totp" } },
      tx,
    );
  });
  return codes;
}

/** Removing the factor takes a current code (or a recovery code), so a session left open cannot do it alone. */
export async function removeTotp(staff: Enrollee, code: string): Promise<void> {
  if (!(await verifySecondFactor(staff.id, code))) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "That code is not right.",
      fieldErrors: { code: ["That code is not right."] },
    });
  }
  await getDb().$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: staff.id } });
    await recordAuditEvent(
      { actor: actorOf(staff), action: "staff.second_factor_removed", details: { factor: "totp" } },
      tx,
    );
  });
}
