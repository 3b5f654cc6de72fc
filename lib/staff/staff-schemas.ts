import { z } from "zod";

import { ZEmailSchema, ZPasswordSchema } from "@/lib/auth/password-policy";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";

export const ZCreateStaffUserSchema = z.object({
  email: ZEmailSchema,
  name: z.string().trim().min(1, "Enter a name").max(100, "Use at most 100 characters"),
  role: ZStaffRoleSchema,
  password: ZPasswordSchema,
});
export type TCreateStaffUser = z.infer<typeof ZCreateStaffUserSchema>;

export const ZUpdateStaffUserSchema = z
  .object({ role: ZStaffRoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.disabled !== undefined, "Change the role or the disabled flag");
export type TUpdateStaffUser = z.infer<typeof ZUpdateStaffUserSchema>;
