import "server-only";

import {
  ACCOUNT_LIMITS,
  ADDRESS_LIMITS,
  afterFailure,
  isLocked,
  type ThrottleLimits,
} from "@/lib/auth/login-throttle-policy";
import { getDb } from "@/lib/db/client";

function keysFor(email: string, address: string): [string, ThrottleLimits][] {
  return [
    [`account:${email}`, ACCOUNT_LIMITS],
    [`address:${address}`, ADDRESS_LIMITS],
  ];
}

export async function isSignInThrottled(email: string, address: string, now = new Date()): Promise<boolean> {
  const rows = await getDb().loginThrottle.findMany({
    where: { key: { in: keysFor(email, address).map(([key]) => key) } },
  });
  return rows.some((row) => isLocked(row, now));
}

export async function recordSignInFailure(email: string, address: string, now = new Date()): Promise<void> {
  const db = getDb();
  for (const [key, limits] of keysFor(email, address)) {
    await db.$transaction(async (tx) => {
      const current = await tx.loginThrottle.findUnique({ where: { key } });
      const next = afterFailure(current, now, limits);
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    });
  }
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getDb().loginThrottle.deleteMany({ where: { key: `account:${email}` } });
}
