import { removePasskey } from "@/lib/auth/manage-passkeys";
import { ZRemovePasskeySchema } from "@/lib/auth/passkey-schemas";
import { staffRoute } from "@/lib/http/staff-route";

/** Removes one of the staff member's own passkeys; takes a fresh second factor. */
export const DELETE = staffRoute<typeof ZRemovePasskeySchema, { passkeyId: string }>(
  { permission: "signed-in", body: ZRemovePasskeySchema },
  async ({ staff, body, params }) => {
    await removePasskey(staff, params.passkeyId, body.secondFactorCode || undefined);
    return { ok: true };
  },
);
