import { z } from "zod";

import { ZEmailSchema, ZPasswordSchema } from "@/lib/auth/password-policy";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { ZHumanNameSchema } from "@/lib/validation/human-name";

export const ZCreateStaffUserSchema = z.object({
  email: ZEmailSchema,
  name: ZHumanNameSchema({ required: "Enter a name", max: 100 }),
  role: ZStaffRoleSchema,
  password: ZPasswordSchema,
});
export type TCreateStaffUser = z.infer<typeof ZCreateStaffUserSchema>;

export const ZUpdateStaffUserSchema = z
  .object({ role: ZStaffRoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.disabled !== undefined, "Change the role or the disabled flag");
export type TUpdateStaffUser = z.infer<typeof ZUpdateStaffUserSchema>;
