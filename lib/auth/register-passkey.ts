import "server-only";

import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type VerifiedRegistrationResponse,
} from "@simplewebauthn/server";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { challengeBytes, issuePasskeyChallenge, spendPasskeyChallenge } from "@/lib/auth/passkey-challenges";
import { relyingPartyOf } from "@/lib/auth/passkey-relying-party";
import type { TRegisterPasskey } from "@/lib/auth/passkey-schemas";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

type Registrant = { id: string; email: string; name: string };

/** A staff member may keep a handful of passkeys (a laptop, a phone, a security key), not an unbounded list. */
export const MAX_PASSKEYS_PER_STAFF = 10;

/** The user handle a passkey carries: the staff id, so a discoverable passkey names its account. */
export function passkeyUserHandle(staffId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(staffId, "utf8"));
}

/**
 * Options for the browser to make a new passkey for this staff member. A discoverable credential with user
 * verification, so the same passkey can sign in on its own; the staff member's passkeys are excluded, so one
 * authenticator is not registered twice.
 */
export async function passkeyRegistrationOptions(
  staff: Registrant,
  now = new Date(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingPartyOf(getEnv().NEXTAUTH_URL);
  const existing = await getDb().staffPasskey.findMany({
    where: { staffId: staff.id },
    select: { credentialId: true, transports: true },
  });
  if (existing.length >= MAX_PASSKEYS_PER_STAFF) {
    throw new AppError("CONFLICT", { userMessage: `Remove a passkey first: ${MAX_PASSKEYS_PER_STAFF} is the most.` });
  }
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: passkeyUserHandle(staff.id),
    userName: staff.email,
    userDisplayName: staff.name,
    challenge: challengeBytes(await issuePasskeyChallenge("registration", staff.id, now)),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports ? passkey.transports.split(",") : undefined,
    })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

const notRegistered = () =>
  new AppError("INVALID_INPUT", { userMessage: "The passkey could not be registered. Start again." });

/**
 * Keeps the passkey the browser made, once its answer quotes a challenge made for this staff member (spent
 * here), comes from the console's origin and rpID, and shows the user was verified.
 */
export async function registerPasskey(
  staff: Registrant,
  { name, response }: TRegisterPasskey,
  now = new Date(),
): Promise<{ id: string }> {
  const rp = relyingPartyOf(getEnv().NEXTAUTH_URL);
  let verification: VerifiedRegistrationResponse;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => spendPasskeyChallenge(challenge, "registration", staff.id, now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    throw notRegistered();
  }
  if (!verification.verified) throw notRegistered();
  const { credential } = verification.registrationInfo;
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      const passkey = await tx.staffPasskey.create({
        data: {
          staffId: staff.id,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString("base64url"),
          counter: BigInt(credential.counter),
          transports: (response.response.transports ?? []).join(","),
          name,
          createdAt: now,
        },
        select: { id: true },
      });
      await recordAuditEvent(
        {
          actor: { type: "staff", id: staff.id, label: staff.email },
          action: "staff.second_factor_enrolled",
          details: { factor: "passkey", passkeyId: passkey.id, name },
        },
        tx,
      );
      return passkey;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", { userMessage: "This passkey is already registered." });
    }
    throw error;
  }
}
