import "server-only";

import { randomBytes } from "node:crypto";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { ZEmailSchema } from "@/lib/auth/password-policy";
import type { StaffRole } from "@/lib/auth/roles";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { roleFromClaims, type StaffSsoSettings } from "@/lib/auth/staff-sso-settings";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { humanNameProblem } from "@/lib/validation/human-name";

export type SsoRefusal = "wrong-issuer" | "no-email" | "unverified-email" | "unknown-staff" | "disabled";

export type SsoAdmission =
  | {
      kind: "signed-in";
      staff: { id: string; email: string; name: string; role: StaffRole; sessionGeneration: number };
    }
  | { kind: "refused"; reason: SsoRefusal; email: string | null };

/** Issuers compare without a trailing slash: providers differ in whether their `iss` ends with one. */
const sameIssuer = (claimed: unknown, configured: string) =>
  typeof claimed === "string" && claimed.replace(/\/+$/, "") === configured.replace(/\/+$/, "");

const SSO_ACTOR = { type: "system", label: "company SSO" } as const;

/** A name from the identity provider, when it is one a person could have typed; otherwise the email's local part. */
function displayName(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === "string" ? claims.name.trim().slice(0, 120) : "";
  return name && !humanNameProblem(name) ? name : email.slice(0, email.indexOf("@"));
}

async function refuse(reason: SsoRefusal, email: string | null): Promise<SsoAdmission> {
  await recordAuditEvent({
    actor: SSO_ACTOR,
    action: "staff.sign_in_failed",
    outcome: "failure",
    details: { method: "sso", reason, ...(email ? { email } : {}) },
  });
  return { kind: "refused", reason, email };
}

/** Creates a staff member at their first SSO sign-in; a parallel first sign-in finds the row the other made. */
async function createSsoStaff(email: string, name: string, role: StaffRole, domain: string, passwordHash: string) {
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.staffUser.create({ data: { email, name, role, passwordHash } });
      await recordAuditEvent(
        {
          actor: SSO_ACTOR,
          action: "staff.created",
          details: { staffId: created.id, email, role, method: "sso", domain },
        },
        tx,
      );
      return created;
    });
  } catch (error) {
    const existing = isUniqueViolation(error) ? await db.staffUser.findUnique({ where: { email } }) : null;
    if (!existing) throw error;
    return existing;
  }
}

/**
 * Lets a person the company's identity provider vouches for into the console, or not. The email must be
 * verified there and belong to a staff member here (or to a domain an operator allowed to create staff
 * from); the console's own "disabled" wins over whatever the provider says. A mapped role claim sets the
 * role at every sign-in, so the provider's groups stay the truth.
 */
export async function admitSsoStaff(
  claims: Record<string, unknown>,
  settings: StaffSsoSettings,
): Promise<SsoAdmission> {
  // openid-client checked the token against the issuer its discovery document names; the console holds that
  // name to the one the operator configured, so a discovery document cannot vouch for another issuer.
  if (!sameIssuer(claims.iss, settings.issuer)) return refuse("wrong-issuer", null);
  const email = ZEmailSchema.safeParse(claims.email);
  if (!email.success) return refuse("no-email", null);
  if (settings.requireVerifiedEmail && claims.email_verified !== true) return refuse("unverified-email", email.data);

  const db = getDb();
  const mappedRole = roleFromClaims(claims, settings);
  let staff = await db.staffUser.findUnique({ where: { email: email.data } });
  if (!staff) {
    const domain = email.data.slice(email.data.lastIndexOf("@") + 1);
    if (!settings.autoCreateDomains.includes(domain)) return refuse("unknown-staff", email.data);
    // Never used: a person created by SSO has no password until an admin gives them one.
    const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
    const role = mappedRole ?? "support";
    staff = await createSsoStaff(email.data, displayName(claims, email.data), role, domain, passwordHash);
  }
  if (staff.disabled) return refuse("disabled", email.data);

  if (mappedRole && mappedRole !== staff.role) {
    const from = staff.role;
    staff = await db.staffUser.update({ where: { id: staff.id }, data: { role: mappedRole } });
    await recordAuditEvent({
      actor: SSO_ACTOR,
      action: "staff.updated",
      details: { staffId: staff.id, email: staff.email, role: { from, to: mappedRole }, method: "sso" },
    });
  }
  const role = ZStaffRoleSchema.parse(staff.role);
  await db.staffUser.update({ where: { id: staff.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "staff.signed_in",
    details: { method: "sso" },
  });
  return {
    kind: "signed-in",
    staff: { id: staff.id, email: staff.email, name: staff.name, role, sessionGeneration: staff.sessionGeneration },
  };
}
