import "server-only";

import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  PAIR_POLICY,
  reserveAttempt,
  type CeilingPolicy,
  type ThrottlePolicy,
} from "@/lib/auth/login-throttle-policy";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { isUniqueViolation } from "@/lib/db/unique-violation";

export type SignInKeys = { account: string; address: string; pair: string };

export function signInKeys(email: string, address: string): SignInKeys {
  return { account: `account:${email}`, address: `address:${address}`, pair: `pair:${email}|${address}` };
}

/** Every account + address key of one account, whatever the address. */
function pairPrefix(email: string): string {
  return `pair:${email}|`;
}

// A key changed by another instance between our read and our write is read again; past this many rounds the
// attempt is refused rather than let through unchecked.
const MAX_ROUNDS = 200;

/**
 * Reserves one attempt under a key, or answers false when the key refuses it. The write is a compare-and-set
 * on the row as it was read, so instances and parallel requests cannot both take the last place: the same
 * on SQLite and PostgreSQL, without locks held across the password check.
 */
async function reserveUnder(db: Database, key: string, policy: ThrottlePolicy, now: Date): Promise<boolean> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const current = await db.loginThrottle.findUnique({ where: { key } });
    const next = reserveAttempt(current, now, policy);
    if (!next) return false;
    if (!current) {
      try {
        await db.loginThrottle.create({ data: { key, ...next } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { count } = await db.loginThrottle.updateMany({
      where: {
        key,
        failures: current.failures,
        windowStart: current.windowStart,
        lockedUntil: current.lockedUntil,
      },
      data: next,
    });
    if (count === 1) return true;
  }
  return false;
}

/** Gives back an attempt reserved under a ceiling key: it did not fail, or it never reached the check. */
async function releaseUnder(db: Database, key: string): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/**
 * Reserves a sign-in attempt under the address, the account and the pair of both, in that order; false
 * (and nothing kept) when any of them refuses. The password may be checked only after this said true.
 */
export async function reserveSignInAttempt(keys: SignInKeys, now = new Date()): Promise<boolean> {
  const db = getDb();
  if (!(await reserveUnder(db, keys.address, ADDRESS_POLICY, now))) return false;
  if (!(await reserveUnder(db, keys.account, ACCOUNT_POLICY, now))) {
    await releaseUnder(db, keys.address);
    return false;
  }
  if (!(await reserveUnder(db, keys.pair, PAIR_POLICY, now))) {
    await releaseUnder(db, keys.account);
    await releaseUnder(db, keys.address);
    return false;
  }
  return true;
}

/**
 * One request under a ceiling of its own (a public endpoint beside sign-in: "forgot password", passkey
 * options), counted in the same table and by the same compare-and-set, so every instance shares the count.
 * A refusal says when the key's window ends.
 */
export async function reserveUnderCeiling(
  key: string,
  policy: CeilingPolicy,
  now = new Date(),
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  const db = getDb();
  if (await reserveUnder(db, key, policy, now)) return { allowed: true };
  const row = await db.loginThrottle.findUnique({ where: { key }, select: { windowStart: true } });
  const windowEnds = (row?.windowStart.getTime() ?? now.getTime()) + policy.windowMs;
  return { allowed: false, retryAfterMs: Math.max(1_000, windowEnds - now.getTime()) };
}

/** A successful sign-in: its own place under the ceilings is given back and the pair's backoff cleared. */
export async function settleSuccessfulSignIn(keys: SignInKeys): Promise<void> {
  const db = getDb();
  await releaseUnder(db, keys.address);
  await releaseUnder(db, keys.account);
  await db.loginThrottle.deleteMany({ where: { key: keys.pair } });
}

/**
 * A right password that must still show its second factor: the ceilings give its place back (it did not fail),
 * while the pair keeps counting it, so asking for the code again and again cannot wear down the backoff.
 */
export async function settleSecondFactorPrompt(keys: SignInKeys): Promise<void> {
  const db = getDb();
  await releaseUnder(db, keys.address);
  await releaseUnder(db, keys.account);
}

/** An admin lifts every sign-in limit on an account: its ceiling and the backoff of every address. */
export async function clearAccountThrottle(email: string): Promise<number> {
  const { count } = await getDb().loginThrottle.deleteMany({
    where: { OR: [{ key: `account:${email}` }, { key: { startsWith: pairPrefix(email) } }] },
  });
  return count;
}

/** Whether any limit holds the account now (shown to admins beside the unlock button). */
export async function accountsHeldBack(emails: string[], now = new Date()): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await getDb().loginThrottle.findMany({
    where: {
      OR: [
        { key: { in: emails.map((email) => `account:${email}`) } },
        ...emails.map((email) => ({ key: { startsWith: pairPrefix(email) }, lockedUntil: { gt: now } })),
      ],
    },
  });
  const held = new Set<string>();
  for (const row of rows) {
    const isPair = row.key.startsWith("pair:");
    const email = isPair ? row.key.slice("pair:".length, row.key.lastIndexOf("|")) : row.key.slice("account:".length);
    const accountFull =
      !isPair &&
      row.failures >= ACCOUNT_POLICY.maxAttempts &&
      now.getTime() - row.windowStart.getTime() < ACCOUNT_POLICY.windowMs;
    if (isPair || accountFull) held.add(email);
  }
  return held;
}
