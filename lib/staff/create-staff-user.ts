import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import type { TCreateStaffUser } from "@/lib/staff/staff-schemas";

export type CreateStaffUserOptions = { input: TCreateStaffUser; actor: Actor };

export async function createStaffUser({ input, actor }: CreateStaffUserOptions) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const staff = await tx.staffUser.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
      });
      await recordAuditEvent(
        { actor, action: "staff.created", details: { staffId: staff.id, email: staff.email, role: staff.role } },
        tx,
      );
      return staff;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", {
        userMessage: "A staff member with this email already exists.",
        fieldErrors: { email: ["A staff member with this email already exists."] },
      });
    }
    throw error;
  }
}
