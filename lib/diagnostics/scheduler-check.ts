import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

export type SchedulerRunFacts = {
  startedAt: Date;
  finishedAt: Date | null;
  processed: number;
  failed: number;
  backlog: number;
  error: string | null;
};

const TITLE = "Keep-alive scheduler";

/**
 * Whether the keep-alive job runs and keeps up. Refresh tokens lapse after 13 months unused, so a silently stopped
 * job costs merchants their links long after anyone would notice.
 */
export function checkScheduler(input: {
  enabled: boolean;
  intervalSeconds: number;
  lastRun: SchedulerRunFacts | null;
  now: Date;
}): DiagnosticCheck {
  if (!input.enabled) {
    return diagnosticCheck(
      "scheduler",
      TITLE,
      "warn",
      "The keep-alive job is disabled (KEEPALIVE_ENABLED=false).",
      "Enable it on at least one instance, or links lapse when unused.",
    );
  }
  const run = input.lastRun;
  if (!run) {
    return diagnosticCheck(
      "scheduler",
      TITLE,
      "warn",
      "The keep-alive job has not run yet.",
      "Check that an instance of the console is running its background jobs.",
    );
  }
  const ageSeconds = Math.round((input.now.getTime() - run.startedAt.getTime()) / 1000);
  const summary = `Last run ${ageSeconds} s ago: ${run.processed} processed, ${run.failed} failed, backlog ${run.backlog}.`;
  if (run.error) {
    return diagnosticCheck(
      "scheduler",
      TITLE,
      "fail",
      `${summary} It stopped with an error: ${run.error}`,
      "Read the console's log around that time.",
    );
  }
  if (ageSeconds > input.intervalSeconds * 3 + 60) {
    return diagnosticCheck(
      "scheduler",
      TITLE,
      "warn",
      `${summary} That is more than three intervals (${input.intervalSeconds} s) ago.`,
      "Check that a console instance is running and holds the job lease.",
    );
  }
  if (run.failed > 0 || run.backlog > 0) {
    return diagnosticCheck(
      "scheduler",
      TITLE,
      "warn",
      summary,
      run.backlog > 0
        ? "Raise KEEPALIVE_BATCH_SIZE if the backlog keeps growing."
        : "Open the failing merchants' timelines for the failure class.",
    );
  }
  return diagnosticCheck("scheduler", TITLE, "pass", summary);
}
