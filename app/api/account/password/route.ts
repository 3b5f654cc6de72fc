import { ZChangePasswordSchema } from "@/lib/account/account-schemas";
import { changePassword } from "@/lib/account/change-password";
import { requireCurrentSessionId } from "@/lib/auth/current-staff";
import { senderAddress } from "@/lib/http/sender-address";
import { staffRoute } from "@/lib/http/staff-route";

/** A new password, given the current one; every other session of the account ends. */
export const PUT = staffRoute(
  { permission: "signed-in", body: ZChangePasswordSchema },
  async ({ request, staff, body }) =>
    changePassword({
      staff,
      sessionId: await requireCurrentSessionId(),
      changes: body,
      address: senderAddress(request.headers),
    }),
);
