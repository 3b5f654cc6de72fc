import "server-only";

import { purgePasswordResets } from "@/lib/account/purge-password-resets";
import { purgeFailedSignInEvents } from "@/lib/audit/purge-failed-sign-in-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { purgeSignInThrottles } from "@/lib/auth/purge-sign-in-throttles";
import { purgeStaffSessions } from "@/lib/auth/purge-staff-sessions";
import {
  restoreDroppedCallbackCounts,
  takeDroppedCallbackCounts,
  type DroppedCallbackCounts,
} from "@/lib/calls/dropped-callback-counts";
import { purgeUnverifiedCallbacks, type PurgedUnverifiedCallbacks } from "@/lib/calls/purge-unverified-callbacks";
import type { Database } from "@/lib/db/create-client";
import {
  purgeWebhookHistory,
  type PurgedWebhookHistory,
  type PurgeLimits,
  type WebhookRetention,
} from "@/lib/webhooks/purge-webhook-history";

const DAY_MS = 24 * 60 * 60_000;

/** How long what anonymous senders wrote is kept. */
export const HOUSEKEEPING_RETENTION = {
  /** A throttle window lasts minutes; a day later its row decides nothing. */
  signInThrottleDays: 1,
  failedSignInEventDays: 90,
  /** Ended or lapsed sessions: the account page shows live ones only; a month answers "was that me?". */
  staffSessionDays: 30,
  /** Used or expired reset links: dead hashes; the audit log keeps who made and used each. */
  passwordResetDays: 7,
} as const;

export type HousekeepingReport = {
  unverifiedCallbacks: PurgedUnverifiedCallbacks;
  signInThrottleRows: number;
  failedSignInEvents: number;
  staffSessions: number;
  passwordResets: number;
  droppedCallbacks: DroppedCallbackCounts;
  webhooks: PurgedWebhookHistory;
};

/** What the settings decide; tests give their own. */
export type HousekeepingOptions = { webhookRetention?: WebhookRetention; webhookPurgeLimits?: PurgeLimits };

function somethingHappened(report: HousekeepingReport): boolean {
  return (
    report.unverifiedCallbacks.expired +
      report.unverifiedCallbacks.overCap +
      report.signInThrottleRows +
      report.failedSignInEvents +
      report.staffSessions +
      report.passwordResets +
      report.droppedCallbacks.rateLimited +
      report.droppedCallbacks.tooLarge +
      Object.values(report.webhooks).reduce((sum, count) => sum + count, 0) >
    0
  );
}

/**
 * Deletes what anonymous senders wrote once it is past its retention, dead staff sessions and reset links, and
 * webhook messages past theirs, and
 * reports what was deleted and how many callbacks this instance dropped since the last run, as one audit event
 * (only when there is news), so staff can see that the limits are at work. Safe on several instances at once: each delete is idempotent.
 */
export async function runHousekeeping(
  db: Database,
  now = new Date(),
  options: HousekeepingOptions = {},
): Promise<HousekeepingReport> {
  const droppedCallbacks = takeDroppedCallbackCounts();
  try {
    const report: HousekeepingReport = {
      unverifiedCallbacks: await purgeUnverifiedCallbacks(db, now),
      signInThrottleRows: await purgeSignInThrottles(
        db,
        new Date(now.getTime() - HOUSEKEEPING_RETENTION.signInThrottleDays * DAY_MS),
        now,
      ),
      failedSignInEvents: await purgeFailedSignInEvents(
        db,
        new Date(now.getTime() - HOUSEKEEPING_RETENTION.failedSignInEventDays * DAY_MS),
      ),
      staffSessions: await purgeStaffSessions(
        db,
        new Date(now.getTime() - HOUSEKEEPING_RETENTION.staffSessionDays * DAY_MS),
      ),
      passwordResets: await purgePasswordResets(
        db,
        new Date(now.getTime() - HOUSEKEEPING_RETENTION.passwordResetDays * DAY_MS),
      ),
      droppedCallbacks,
      webhooks: await purgeWebhookHistory(db, now, options.webhookRetention, options.webhookPurgeLimits),
    };
    if (somethingHappened(report)) {
      await recordAuditEvent(
        { actor: { type: "system", label: "housekeeping" }, action: "housekeeping.purged", details: report },
        db,
      );
    }
    return report;
  } catch (error) {
    restoreDroppedCallbackCounts(droppedCallbacks);
    throw error;
  }
}
