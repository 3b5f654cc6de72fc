import { passkeyConfirmationOptions } from "@/lib/auth/verify-passkey-assertion";
import { staffRoute } from "@/lib/http/staff-route";

/**
 * Options for this staff member's browser to confirm an act (revealing a token) with one of their passkeys,
 * when their last second factor is no longer fresh; the challenge is good once, for two minutes.
 */
export const POST = staffRoute({ permission: "signed-in" }, async ({ staff }) => ({
  options: await passkeyConfirmationOptions(staff.id),
}));
