import { z } from "zod";

import { STAFF_ROLES } from "@/lib/auth/roles";

export const ZStaffRoleSchema = z.enum(STAFF_ROLES);
