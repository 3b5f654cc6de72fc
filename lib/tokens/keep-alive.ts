import "server-only";

import type { Prisma } from "@prisma/client";

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

export type KeepAliveOptions = { now?: Date; refreshAfterMs?: number; batchSize?: number };

/** Links due for a keep-alive refresh: idle too long, or a transient failure whose backoff has passed. */
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
        ],
      },
    ],
  };
}

/** One instance sweeps at a time; the job lease lapses by itself if that instance dies. */
async function claimJob(now: Date, leaseMs: number): Promise<boolean> {
  const db = getDb();
  await db.jobLease.upsert({ where: { job: KEEP_ALIVE_JOB }, create: { job: KEEP_ALIVE_JOB }, update: {} });
  const claimed = await db.jobLease.updateMany({
    where: { job: KEEP_ALIVE_JOB, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { owner: INSTANCE_ID }] },
    data: { owner: INSTANCE_ID, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return claimed.count === 1;
}

async function releaseJob(): Promise<void> {
  await getDb().jobLease.updateMany({
    where: { job: KEEP_ALIVE_JOB, owner: INSTANCE_ID },
    data: { owner: null, leaseUntil: null },
  });
}

/**
 * Refreshes links that have not been refreshed for a while, so their 13-month
 * sliding refresh tokens never lapse, and retries transient failures after
 * their backoff. Safe with several instances: the job lease picks one sweeper,
 * and each refresh takes its merchant's own lease anyway.
 */
export async function runKeepAliveSweep(options: KeepAliveOptions = {}) {
  const sweep = sweepOnce(options);
  sweepsRunning.add(sweep);
  try {
    return await sweep;
  } finally {
    sweepsRunning.delete(sweep);
  }
}

/** Sweeps under way in this process, and whether the process is stopping (no new merchant is started). */
const sweepsRunning = new Set<Promise<unknown>>();
let stopRequested = false;

/** Gives back the leases of merchants claimed but not started, so nobody waits for them to lapse. */
async function releaseUnstarted(claims: { set: StoredTokenSet; owner: string }[]): Promise<void> {
  for (const owner of new Set(claims.map((claim) => claim.owner))) {
    await getDb().merchantTokenSet.updateMany({
      where: {
        merchantId: { in: claims.filter((claim) => claim.owner === owner).map((claim) => claim.set.merchantId) },
        leaseOwner: owner,
      },
      data: { leaseOwner: null, leaseUntil: null, refreshStartedAt: null },
    });
  }
}

async function sweepOnce(options: KeepAliveOptions) {
  const env = getEnv();
  const now = options.now ?? new Date();
  const refreshAfterMs = options.refreshAfterMs ?? env.KEEPALIVE_REFRESH_AFTER_HOURS * 3600_000;
  const batchSize = options.batchSize ?? env.KEEPALIVE_BATCH_SIZE;
  const db = getDb();
  if (!(await claimJob(now, 10 * 60_000))) return { ran: false as const };

  const run = await db.schedulerRun.create({ data: { job: KEEP_ALIVE_JOB, instanceId: INSTANCE_ID } });
  const stats = { processed: 0, succeeded: 0, failed: 0 };
  try {
    const due = await db.merchantTokenSet.findMany({
      where: keepAliveDueWhere(now, refreshAfterMs),
      orderBy: [{ lastRefreshedAt: "asc" }],
      take: batchSize,
      select: { merchantId: true, version: true },
    });
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
      const { owner, claimed: sets } = await claimLeases(candidates);
      // A link refreshed or being refreshed since it was selected is no longer due: someone else has it.
      stats.processed += candidates.length - sets.length;
      stats.succeeded += candidates.length - sets.length;
      claimed.push(...sets.map((set) => ({ set, owner })));
    };
    const takeNext = async () => {
      if (stopRequested) return undefined;
      while (claimed.length === 0 && nextCandidate < due.length && !stopRequested) {
        claiming ??= claimMore().finally(() => (claiming = undefined));
        await claiming;
      }
      return claimed.shift();
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
          { actor: { type: "system", label: "keep-alive" }, trigger: "keep-alive", onTokenIssued: () => answered() },
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
    await releaseUnstarted(claimed.splice(0));
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
    await releaseJob();
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
  await Promise.allSettled(sweepsRunning);
}
