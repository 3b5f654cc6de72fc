import { confirmTotpEnrolment, removeTotp, startTotpEnrolment } from "@/lib/auth/enrol-totp";
import { ZSecondFactorCodeSchema } from "@/lib/auth/second-factor-schemas";
import { totpQrCodeDataUrl } from "@/lib/auth/totp-qr-code";
import { staffRoute } from "@/lib/http/staff-route";

/** Starts setting up an authenticator app: the secret, its URI and QR code, for this staff member only. */
export const POST = staffRoute({ permission: "signed-in", duringEnrolment: true }, async ({ staff }) => {
  const { secret, uri } = await startTotpEnrolment(staff);
  return { secret, uri, qrCode: await totpQrCodeDataUrl(uri) };
});

/** Confirms the app with its current code; answers the recovery codes, once. */
export const PUT = staffRoute(
  { permission: "signed-in", duringEnrolment: true, body: ZSecondFactorCodeSchema },
  async ({ staff, body }) => ({ recoveryCodes: await confirmTotpEnrolment(staff, body.code) }),
);

/** Removes the app and the recovery codes; takes a current code. */
export const DELETE = staffRoute(
  { permission: "signed-in", body: ZSecondFactorCodeSchema },
  async ({ staff, body }) => {
    await removeTotp(staff, body.code);
    return { ok: true };
  },
);
