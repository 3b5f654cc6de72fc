import { Secret, TOTP } from "otpauth";

/** RFC 6238 as every authenticator app reads it: SHA-1, six digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const ISSUER = "MobilePay Link Console";

function totpFor(secretBase32: string, label = "staff"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret, as base32 (what an authenticator app is given). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app scans from the QR code. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The code an authenticator app shows at a moment (for tests and the enrolment check). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** When a TOTP step ends: the moment a code of that step was last current. */
export function totpStepEnd(step: number): Date {
  return new Date((step + 1) * PERIOD_SECONDS * 1000);
}

/**
 * The 30-second step a code belongs to when it is right within one step of now (clocks drift), and later
 * than the last step accepted for this secret: a code is good once, even inside its own half minute.
 */
export function acceptedTotpStep(
  secretBase32: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secretBase32);
  const delta = totp.validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  return lastAcceptedStep !== null && step <= lastAcceptedStep ? null : step;
}
