import { ZRegisterPasskeySchema } from "@/lib/auth/passkey-schemas";
import { registerPasskey } from "@/lib/auth/register-passkey";
import { staffRoute } from "@/lib/http/staff-route";

/** Keeps the passkey the browser made, under the name the staff member gave it. */
export const POST = staffRoute(
  { permission: "signed-in", duringEnrolment: true, body: ZRegisterPasskeySchema },
  async ({ staff, body }) => ({ passkey: await registerPasskey(staff, body) }),
);
