import { ZChangeDisplayNameSchema } from "@/lib/account/account-schemas";
import { changeDisplayName } from "@/lib/account/change-display-name";
import { staffRoute } from "@/lib/http/staff-route";

/** The signed-in staff member renames themselves. */
export const PATCH = staffRoute({ permission: "signed-in", body: ZChangeDisplayNameSchema }, async ({ staff, body }) =>
  changeDisplayName({ staff, changes: body }),
);
