import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { unlockStaffSignIn as UnlockStaffSignIn } from "./unlock-staff-sign-in";

let db: Database;
let unlockStaffSignIn: typeof UnlockStaffSignIn;

withConsoleDatabase(async (client) => {
  db = client;
  ({ unlockStaffSignIn } = await import("./unlock-staff-sign-in"));
});

const admin = { type: "staff" as const, id: "admin-1", label: "admin@example.com" };
const lockedUntil = new Date(Date.now() + 15 * 60_000);

describe(`an admin unlocks a staff member's sign-in, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("clears the account's ceiling and every address's backoff for it, nothing else, and audits it", async () => {
    const staff = await db.staffUser.create({
      data: { email: "held@example.com", name: "Held Back", role: "support", passwordHash: "x" },
    });
    await db.loginThrottle.createMany({
      data: [
        { key: "account:held@example.com", failures: 10 },
        { key: "pair:held@example.com|198.51.100.1", failures: 5, lockedUntil },
        { key: "pair:held@example.com|198.51.100.2", failures: 5, lockedUntil },
        { key: "address:198.51.100.1", failures: 7 },
        { key: "account:held@example.com.other", failures: 10 },
        { key: "pair:someone@example.com|198.51.100.1", failures: 5, lockedUntil },
      ],
    });

    expect(await unlockStaffSignIn({ staffId: staff.id, actor: admin })).toEqual({ cleared: 3 });

    const left = await db.loginThrottle.findMany({ select: { key: true }, orderBy: { key: "asc" } });
    expect(left.map((row) => row.key)).toEqual([
      "account:held@example.com.other",
      "address:198.51.100.1",
      "pair:someone@example.com|198.51.100.1",
    ]);
    const events = await db.auditEvent.findMany({ where: { action: "staff.sign_in_unlocked" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: "admin-1", actorLabel: "admin@example.com", outcome: "success" });
    expect(JSON.parse(events[0]!.details)).toEqual({
      staffId: staff.id,
      email: "held@example.com",
      limitsCleared: 3,
    });
  });

  it("refuses an unknown staff member with NOT_FOUND and records nothing", async () => {
    const before = await db.auditEvent.count();
    await expect(unlockStaffSignIn({ staffId: "no-such-staff", actor: admin })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.auditEvent.count()).toBe(before);
  });
});
