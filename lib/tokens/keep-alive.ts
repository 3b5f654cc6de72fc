import "server-only";

import { randomUUID } from "node:crypto";

import type { Prisma } from "@prisma/client";

import { insertAuditEvents } from "@/lib/audit/insert-audit-events";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { INSTANCE_ID } from "@/lib/tokens/instance-id";
import { groupCommit } from "@/lib/tokens/group-commit";
import { claimLeases, refreshAsLeaseHolder, storeRefreshedSets } from "@/lib/tokens/refresh-token-set";
import type { StoredTokenSet } from "@/lib/tokens/read-stored-sets";

export const KEEP_ALIVE_JOB = "keep-alive";
/**
 * How long finished keep-alive refreshes wait to be stored together: a commit waits for the disk, so
 * fewer of them leave more time for everything else; the wait is short next to a token's minutes of life.
 * At 25 ms a group held about 3 refreshes and a PostgreSQL sweep of 2,000 merchants ran at 0.77–0.78× the
 * OP's own rate; at 75 ms, 0.86–0.91× (SQLite 0.84×). Workers do not wait for the commit, so the OP is
 * kept busy meanwhile; what grows is the time a rotated refresh token lives only in memory.
 */
const STORE_LINGER_MS = 75;

/**
 * The job lease is short and renewed while the sweep runs, so the lease of an instance that died lapses
 * within about a minute and another instance takes over; a live sweep keeps it however long it runs.
 */
export const JOB_LEASE_MS = 60_000;
const JOB_HEARTBEAT_MS = 20_000;

export type KeepAliveOptions = {
  now?: Date;
  refreshAfterMs?: number;
  batchSize?: number;
  /** The job lease's lifetime and how often it is renewed (JOB_LEASE_MS, every 20 s by default). */
  jobLease?: { leaseMs: number; heartbeatMs: number };
};

/**
 * Links due for a keep-alive refresh: idle too long, a transient failure whose backoff has passed, or a
 * refresh that was interrupted (its marker is still set and nobody holds its lease: the refresher died
 * after sending, and with OneTime rotation its answer may be lost), which must be diagnosed at once.
 */
export function keepAliveDueWhere(now: Date, refreshAfterMs: number): Prisma.MerchantTokenSetWhereInput {
  const cutoff = new Date(now.getTime() - refreshAfterMs);
  return {
    AND: [
      { OR: [{ failureKind: null }, { failureKind: "transient" }] },
      {
        OR: [
          { failureKind: "transient", nextAttemptAt: { lte: now } },
          { failureKind: null, lastRefreshedAt: { lt: cutoff } },
          { failureKind: null, lastRefreshedAt: null, createdAt: { lt: cutoff } },
          interruptedWhere(now),
        ],
      },
    ],
  };
}

/** A refresh marker left behind with no live lease: the refresh that set it never finished. */
function interruptedWhere(now: Date): Prisma.MerchantTokenSetWhereInput {
  return {
    failureKind: null,
    refreshStartedAt: { not: null },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
}

/** One sweep at a time across instances: the owner names this sweep, not merely this process. */
async function claimJob(owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const db = getDb();
  await db.jobLease.upsert({ where: { job: KEEP_ALIVE_JOB }, create: { job: KEEP_ALIVE_JOB }, update: {} });
  const claimed = await db.jobLease.updateMany({
    where: { job: KEEP_ALIVE_JOB, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return claimed.count === 1;
}

/** Extends the lease if `owner` still holds it; false when it was lost (lapsed and taken by another). */
async function renewJob(owner: string, leaseMs: number): Promise<boolean> {
  const renewed = await getDb().jobLease.updateMany({
    where: { job: KEEP_ALIVE_JOB, owner },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return renewed.count === 1;
}

/** Frees the lease only if `owner` holds it: a sweep never frees another sweep's lease. */
async function releaseJob(owner: string): Promise<void> {
  await getDb().jobLease.updateMany({
    where: { job: KEEP_ALIVE_JOB, owner },
    data: { owner: null, leaseUntil: null },
  });
}

/**
 * Renews the job lease every `heartbeatMs` until stopped. If a renewal finds the lease gone (this process
 * stalled past its lifetime and another instance took over), `lost` turns true and the sweep starts no
 * further merchant; refreshes already sent are finished, each under its own merchant lease.
 */
function heartbeat(owner: string, lease: { leaseMs: number; heartbeatMs: number }) {
  const state = { lost: false };
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewJob(owner, lease.leaseMs).then(
      (held) => void (state.lost ||= !held),
      (error: unknown) => logger.error("the keep-alive job lease could not be renewed", { error }),
    );
  }, lease.heartbeatMs);
  timer.unref();
  return {
    state,
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}

/**
 * Refreshes links that have not been refreshed for a while, so their 13-month
 * sliding refresh tokens never lapse, and retries transient failures after
 * their backoff. Safe with several instances: the job lease picks one sweeper,
 * and each refresh takes its merchant's own lease anyway.
 */
export async function runKeepAliveSweep(options: KeepAliveOptions = {}) {
  // One sweep per process: a second one would only compete with the first for the same merchants.
  if (sweepRunning) return { ran: false as const };
  const sweep = sweepOnce(options);
  sweepRunning = sweep;
  try {
    return await sweep;
  } finally {
    sweepRunning = undefined;
  }
}

/** The sweep under way in this process, and whether the process is stopping (no new merchant is started). */
let sweepRunning: Promise<unknown> | undefined;
let stopRequested = false;

/**
 * Gives back the leases of merchants claimed but not started, so nobody waits for them to lapse. A set
 * that carried the marker of an interrupted refresh keeps a marker: that refresh still needs diagnosing.
 */
async function releaseUnstarted(claims: { set: StoredTokenSet; owner: string }[], reason: string): Promise<void> {
  const groups = new Map<string, { owner: string; keepMarker: boolean; merchantIds: string[] }>();
  for (const { set, owner } of claims) {
    const keepMarker = set.refreshStartedAt !== null;
    const key = `${owner}|${keepMarker}`;
    const group = groups.get(key) ?? { owner, keepMarker, merchantIds: [] };
    group.merchantIds.push(set.merchantId);
    groups.set(key, group);
  }
  for (const { owner, keepMarker, merchantIds } of groups.values()) {
    await getDb().merchantTokenSet.updateMany({
      where: { merchantId: { in: merchantIds }, leaseOwner: owner },
      data: keepMarker
        ? { leaseOwner: null, leaseUntil: null }
        : { leaseOwner: null, leaseUntil: null, refreshStartedAt: null, refreshFingerprintSent: null },
    });
  }
  if (claims.length > 0) {
    await insertAuditEvents(
      getDb(),
      claims.map(({ set }) => ({
        actor: KEEP_ALIVE_ACTOR,
        action: "token.refresh_not_sent",
        environment: set.merchant.environment,
        merchantId: set.merchantId,
        details: { trigger: "keep-alive", generation: set.version, reason },
      })),
      new Date(),
    );
  }
}

const KEEP_ALIVE_ACTOR = { type: "system", label: "keep-alive" } as const;

/**
 * The links to refresh in this sweep: interrupted refreshes first, so one keep-alive period after a crash
 * they are diagnosed however long the backlog of idle links, then the links idle longest.
 */
async function selectDue(now: Date, refreshAfterMs: number, batchSize: number) {
  const db = getDb();
  const select = { merchantId: true, version: true } as const;
  const interrupted = await db.merchantTokenSet.findMany({
    where: interruptedWhere(now),
    orderBy: [{ refreshStartedAt: "asc" }],
    take: batchSize,
    select,
  });
  if (interrupted.length >= batchSize) return interrupted;
  const seen = new Set(interrupted.map((set) => set.merchantId));
  const idle = await db.merchantTokenSet.findMany({
    where: keepAliveDueWhere(now, refreshAfterMs),
    orderBy: [{ lastRefreshedAt: "asc" }],
    take: batchSize,
    select,
  });
  return [...interrupted, ...idle.filter((set) => !seen.has(set.merchantId))].slice(0, batchSize);
}

async function sweepOnce(options: KeepAliveOptions) {
  const env = getEnv();
  const now = options.now ?? new Date();
  const refreshAfterMs = options.refreshAfterMs ?? env.KEEPALIVE_REFRESH_AFTER_HOURS * 3600_000;
  const batchSize = options.batchSize ?? env.KEEPALIVE_BATCH_SIZE;
  const lease = options.jobLease ?? { leaseMs: JOB_LEASE_MS, heartbeatMs: JOB_HEARTBEAT_MS };
  const db = getDb();
  const jobOwner = `${INSTANCE_ID}:${randomUUID()}`;
  if (!(await claimJob(jobOwner, new Date(), lease.leaseMs))) return { ran: false as const };
  const jobLease = heartbeat(jobOwner, lease);

  const run = await db.schedulerRun.create({ data: { job: KEEP_ALIVE_JOB, instanceId: INSTANCE_ID } });
  const stats = { processed: 0, succeeded: 0, failed: 0 };
  try {
    const due = await selectDue(now, refreshAfterMs, batchSize);
    const concurrency = env.KEEPALIVE_CONCURRENCY;
    // Leases are claimed a few at a time in one statement, and finished refreshes are stored together
    // while the previous group commits: per merchant, only its own update and the call to MobilePay remain.
    const storeTogether = groupCommit(storeRefreshedSets, { maxGroupSize: 4 * concurrency, lingerMs: STORE_LINGER_MS });
    let nextCandidate = 0;
    const claimed: { set: StoredTokenSet; owner: string }[] = [];
    let claiming: Promise<void> | undefined;
    const claimMore = async () => {
      const candidates = due.slice(nextCandidate, nextCandidate + 2 * concurrency);
      nextCandidate += candidates.length;
      const { owner, claimed: sets } = await claimLeases(candidates, {
        actor: KEEP_ALIVE_ACTOR,
        trigger: "keep-alive",
      });
      // A link refreshed or being refreshed since it was selected is no longer due: someone else has it.
      stats.processed += candidates.length - sets.length;
      stats.succeeded += candidates.length - sets.length;
      claimed.push(...sets.map((set) => ({ set, owner })));
    };
    const stopping = () => stopRequested || jobLease.state.lost;
    let claimFailure: unknown;
    const startClaim = () => {
      if (!claiming) {
        claiming = claimMore().finally(() => (claiming = undefined));
        // A claim started ahead may finish with no worker waiting for it; its failure ends the sweep below.
        claiming.catch((error: unknown) => void (claimFailure ??= error));
      }
      return claiming;
    };
    const takeNext = async () => {
      if (stopping()) return undefined;
      while (claimed.length === 0 && nextCandidate < due.length && !stopping()) await startClaim();
      const next = claimed.shift();
      // The next group is claimed (and its attempts recorded) while this one is refreshed, so that workers
      // do not wait for the claim's statements between groups.
      if (next && claimed.length < concurrency && nextCandidate < due.length && !stopping()) void startClaim();
      return next;
    };
    // A worker is free for the next merchant as soon as MobilePay's answer has passed its checks: the OP
    // sees `concurrency` requests at a time while finished refreshes wait for their grouped commit.
    const finishing: Promise<void>[] = [];
    const worker = async () => {
      for (let next = await takeNext(); next; next = await takeNext()) {
        stats.processed += 1;
        let answered: () => void = () => undefined;
        const tokenIssued = new Promise<void>((resolve) => (answered = resolve));
        const refresh = refreshAsLeaseHolder(
          next.set,
          next.owner,
          { actor: KEEP_ALIVE_ACTOR, trigger: "keep-alive", onTokenIssued: () => answered() },
          storeTogether,
        ).then(
          () => void (stats.succeeded += 1),
          // Recorded on the token set and in the audit log by the refresh itself.
          () => void (stats.failed += 1),
        );
        finishing.push(refresh);
        await Promise.race([tokenIssued, refresh]);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // What was sent is finished and stored even when the process is stopping; what was not is given back.
    await Promise.all(finishing);
    await claiming?.catch(() => undefined);
    await releaseUnstarted(
      claimed.splice(0),
      jobLease.state.lost ? "another instance took over the keep-alive" : "the console was stopping",
    );
    if (claimFailure) throw claimFailure;
    const backlog = await db.merchantTokenSet.count({ where: keepAliveDueWhere(new Date(), refreshAfterMs) });
    await db.schedulerRun.update({ where: { id: run.id }, data: { ...stats, backlog, finishedAt: new Date() } });
    return { ran: true as const, ...stats, backlog };
  } catch (error) {
    await db.schedulerRun.update({
      where: { id: run.id },
      data: { ...stats, finishedAt: new Date(), error: error instanceof Error ? error.message : "unknown" },
    });
    throw error;
  } finally {
    await jobLease.stop();
    await releaseJob(jobOwner);
  }
}

let timer: NodeJS.Timeout | undefined;

/** Started with every console instance (instrumentation); instances agree through the job lease. */
export function startKeepAliveScheduler(): void {
  const env = getEnv();
  if (!env.KEEPALIVE_ENABLED || timer) return;
  stopRequested = false;
  const tick = () => {
    runKeepAliveSweep().catch((error: unknown) => logger.error("keep-alive sweep failed", { error }));
  };
  timer = setInterval(tick, env.KEEPALIVE_INTERVAL_SECONDS * 1000);
  timer.unref();
  setTimeout(tick, 5_000).unref();
}

/**
 * Stops the schedule and lets a sweep under way finish the refreshes it has sent: MobilePay may already
 * have rotated those refresh tokens, so they must be stored before the process exits.
 */
export async function stopKeepAliveScheduler(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  stopRequested = true;
  await Promise.allSettled([sweepRunning]);
}
