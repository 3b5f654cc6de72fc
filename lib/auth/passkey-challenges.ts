import "server-only";

import { randomBytes } from "node:crypto";

import { getDb } from "@/lib/db/client";

/** How long a browser has to answer: long enough for a fingerprint or a PIN, short enough not to linger. */
export const PASSKEY_CHALLENGE_TTL_MS = 2 * 60_000;

export type PasskeyChallengePurpose = "registration" | "sign-in";

/**
 * A new challenge, kept in the database until it is answered or expires. The database rather than a signed
 * cookie: a challenge must be good once, which needs a record that it was spent, and every instance of a
 * multi-instance console must see that record. Expired challenges are cleared as new ones are made.
 */
export async function issuePasskeyChallenge(
  purpose: PasskeyChallengePurpose,
  staffId: string | null,
  now = new Date(),
): Promise<string> {
  const db = getDb();
  const challenge = randomBytes(32).toString("base64url");
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.passkeyChallenge.create({
    data: { challenge, purpose, staffId, expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS) },
  });
  return challenge;
}

/**
 * The challenge as the bytes the authenticator signs. Given as text, @simplewebauthn/server would encode the
 * text itself, and the browser's answer would then quote a value other than the one stored.
 */
export function challengeBytes(challenge: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(challenge, "base64url"));
}

/**
 * Spends a challenge the browser's answer quotes: true once, for the purpose and the staff member it was made
 * for, before it expires. Deleting is the check, so two answers racing with one challenge cannot both pass.
 */
export async function spendPasskeyChallenge(
  challenge: string,
  purpose: PasskeyChallengePurpose,
  staffId: string | null,
  now = new Date(),
): Promise<boolean> {
  const { count } = await getDb().passkeyChallenge.deleteMany({
    where: { challenge, purpose, staffId, expiresAt: { gt: now } },
  });
  return count === 1;
}
