import { passkeyRegistrationOptions } from "@/lib/auth/register-passkey";
import { staffRoute } from "@/lib/http/staff-route";

/** Options for this staff member's browser to make a new passkey, with a challenge good once for two minutes. */
export const POST = staffRoute({ permission: "signed-in", duringEnrolment: true }, async ({ staff }) => ({
  options: await passkeyRegistrationOptions(staff),
}));
