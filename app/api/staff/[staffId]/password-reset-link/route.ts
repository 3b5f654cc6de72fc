import { sendPasswordResetLink } from "@/lib/account/send-password-reset-link";
import { staffRoute } from "@/lib/http/staff-route";

/**
 * A single-use link for the staff member to set a new password; answered this once, for the admin to pass on,
 * and mailed to the staff member too when a mail server is configured (the answer says whether that worked).
 */
export const POST = staffRoute<undefined, { staffId: string }>(
  { permission: "staff:manage" },
  async ({ staff, params }) => {
    const link = await sendPasswordResetLink({
      staffId: params.staffId,
      actor: { type: "staff", id: staff.id, label: staff.email },
    });
    return { url: link.url, email: link.email, expiresAt: link.expiresAt.toISOString(), mail: link.mail };
  },
);
