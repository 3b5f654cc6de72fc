import { spawn, type ChildProcess } from "node:child_process";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { ANNA, BO, CONSOLE_CLIENT, MIKKO, REUSE_CLIENT } from "../../sandbox/test/support/test-sandbox";

import type { getDb } from "@/lib/db/client";
import { scaled } from "@/lib/testing/test-slowness";

import type { getConnectionStatus } from "./get-connection-status";
import type { JOB_LEASE_MS, runKeepAliveSweep } from "./keep-alive";
import type { REFRESH_LEASE_MS, refreshTokenSet } from "./refresh-token-set";
import { reuseTestEnvironment, startLifecycleHarness, type LifecycleHarness } from "./testing/lifecycle-harness";

/**
 * kill -9 of a console process while MobilePay has served its refreshes but holds the answers: the window
 * in which a OneTime refresh token has rotated at the OP and the console has not stored the new one.
 *
 * The dead process's leases are not waited out (30 s for a merchant, 60 s for the keep-alive job, on each
 * database): the tests check that each ends within its lifetime of the crash, then move its end to the
 * moment just past, which is all the lease checks see of time passing (they compare it with the clock). A
 * bound counted from the crash adds the time so skipped.
 */
let harness: LifecycleHarness;
let db: ReturnType<typeof getDb>;
let sweep: typeof runKeepAliveSweep;
let refresh: typeof refreshTokenSet;
let statusOf: typeof getConnectionStatus;
let leases: { refresh: typeof REFRESH_LEASE_MS; job: typeof JOB_LEASE_MS };
const children: ChildProcess[] = [];

beforeAll(async () => {
  harness = await startLifecycleHarness({ extraEnv: reuseTestEnvironment });
  db = (await import("@/lib/db/client")).getDb();
  const keepAlive = await import("./keep-alive");
  const refreshModule = await import("./refresh-token-set");
  sweep = keepAlive.runKeepAliveSweep;
  refresh = refreshModule.refreshTokenSet;
  statusOf = (await import("./get-connection-status")).getConnectionStatus;
  leases = { refresh: refreshModule.REFRESH_LEASE_MS, job: keepAlive.JOB_LEASE_MS };
}, scaled(120_000));

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(async () => {
  await harness?.close();
});

/** A console process of its own, on the same database and sandbox, running the refresh code. */
function consoleProcess(args: string[]): { child: ChildProcess; exited: Promise<NodeJS.Signals | null> } {
  // Node itself with tsx as a loader: the tsx command would run the code in a grandchild that SIGKILL misses.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "lib/tokens/testing/refresh-in-child.ts", ...args],
    { env: { ...process.env, ...harness.env, FORCE_COLOR: "0" }, stdio: "ignore" },
  );
  children.push(child);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  return { child, exited };
}

const answersHeld = async () => Number((await harness.control.state()).faults.answersHeld);

const tokenSet = (merchantId: string) =>
  db.merchantTokenSet.findUniqueOrThrow({ where: { merchantId }, omit: { refreshTokenCiphertext: false } });

async function killWhileHeld(args: string[], held: number) {
  const { child, exited } = consoleProcess(args);
  await expect.poll(answersHeld, { timeout: scaled(60_000), interval: 100 }).toBe(held);
  return {
    /** Leases this process takes are named after it (instance id = host:pid:random). */
    ownerPrefix: `:${child.pid}:`,
    async kill() {
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      await expect.poll(answersHeld, { timeout: scaled(10_000), interval: 100 }).toBe(0);
      return Date.now();
    },
  };
}

/**
 * As if the time had come when the leases a killed process holds lapse. Answers the time skipped: what was
 * left of the latest of them, which a bound counted from the crash adds to the clock.
 */
async function letLeasesOfLapse(ownerPrefix: string): Promise<number> {
  const now = Date.now();
  const held = [
    ...(await db.merchantTokenSet.findMany({
      where: { leaseOwner: { contains: ownerPrefix } },
      select: { leaseUntil: true },
    })),
    ...(await db.jobLease.findMany({ where: { owner: { contains: ownerPrefix } }, select: { leaseUntil: true } })),
  ];
  const justPast = new Date(now - 1);
  await db.merchantTokenSet.updateMany({
    where: { leaseOwner: { contains: ownerPrefix } },
    data: { leaseUntil: justPast },
  });
  await db.jobLease.updateMany({ where: { owner: { contains: ownerPrefix } }, data: { leaseUntil: justPast } });
  return Math.max(0, ...held.map((lease) => (lease.leaseUntil?.getTime() ?? now) - now));
}

describe("kill -9 during a refresh held at the token endpoint", () => {
  it(
    "found by the next keep-alive sweep: ReUse recovers, OneTime ends relink-needed as a rotation lost in the crash",
    async () => {
      const oneTime = await harness.linkMerchant({
        email: ANNA.email,
        password: ANNA.password,
        vat: ANNA.danishMerchant.vat,
      });
      const reUse = await harness.linkMerchant({
        email: BO.email,
        password: BO.password,
        vat: BO.merchant.vat,
        client: REUSE_CLIENT,
        environment: "test",
      });
      const before = { oneTime: await tokenSet(oneTime), reUse: await tokenSet(reUse) };
      await harness.control.json("POST", "/control/refresh-answer-fault", { kind: "hold", count: 2 });

      const crash = await killWhileHeld(["refresh", oneTime, reUse], 2);
      // The attempts are on record before MobilePay answered, with the refresh token each one sent.
      const attempts = await db.auditEvent.findMany({
        where: { action: "token.refresh_started", merchantId: { in: [oneTime, reUse] } },
      });
      expect(
        attempts.map((event) => [event.merchantId, JSON.parse(event.details).refreshTokenFingerprint]).sort(),
      ).toEqual(
        [
          [oneTime, before.oneTime.refreshTokenFingerprint],
          [reUse, before.reUse.refreshTokenFingerprint],
        ].sort(),
      );
      expect((await tokenSet(oneTime)).leaseOwner).toContain(crash.ownerPrefix);
      expect((await tokenSet(reUse)).leaseOwner).toContain(crash.ownerPrefix);
      const killedAt = await crash.kill();
      expect(
        await db.auditEvent.count({ where: { action: "token.refreshed", merchantId: { in: [oneTime, reUse] } } }),
      ).toBe(0);

      // The dead refresher's leases end within a lease's lifetime of the crash; until then the links show
      // as refreshing and a sweep leaves them alone.
      for (const merchantId of [oneTime, reUse]) {
        expect((await tokenSet(merchantId)).leaseUntil!.getTime()).toBeLessThanOrEqual(killedAt + leases.refresh);
        expect((await statusOf(merchantId)).state).toBe("refreshing");
      }
      expect(await sweep()).toMatchObject({ ran: true, processed: 0 });

      // Once they have lapsed, and until the keep-alive has looked, neither link shows as plainly active.
      const skippedMs = await letLeasesOfLapse(crash.ownerPrefix);
      expect((await statusOf(oneTime)).state).toBe("interrupted");
      expect((await statusOf(reUse)).state).toBe("interrupted");

      // The keep-alive as the scheduler runs it, with the production threshold (168 h): neither link is idle,
      // only the interrupted refresh makes them due.
      expect(await sweep()).toMatchObject({ ran: true, processed: 2, succeeded: 1, failed: 1 });
      // Within the merchant lease plus one keep-alive period (60 s) of the crash, the skipped time counted.
      const diagnosedAfterMs = Date.now() + skippedMs - killedAt;
      expect(diagnosedAfterMs).toBeLessThan(leases.refresh + 60_000);

      const oneTimeAfter = await tokenSet(oneTime);
      expect(oneTimeAfter.failureKind).toBe("terminal");
      expect(oneTimeAfter.failureReason).toMatch(/previous refresh stopped after MobilePay rotated the refresh token/);
      expect(oneTimeAfter.refreshTokenCiphertext).toBe(before.oneTime.refreshTokenCiphertext);
      expect(oneTimeAfter.refreshStartedAt).toBeNull();
      expect((await statusOf(oneTime)).state).toBe("relink_needed");

      const reUseAfter = await tokenSet(reUse);
      expect(reUseAfter).toMatchObject({
        failureKind: null,
        refreshStartedAt: null,
        version: before.reUse.version + 1,
      });
      expect(reUseAfter.rotationMode).toBe("ReUse");
      expect((await statusOf(reUse)).state).toBe("active");

      // Asking again gets the same refusal, and the diagnosis stays the one made after the crash.
      await expect(
        refresh(oneTime, { actor: { type: "system", label: "test" }, trigger: "manual" }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await tokenSet(oneTime)).failureReason).toBe(oneTimeAfter.failureReason);
    },
    scaled(120_000),
  );

  it(
    "a keep-alive sweep killed mid-flight: its job lease ends within a minute and the next sweep diagnoses its refresh",
    async () => {
      const merchantId = await harness.linkMerchant({
        email: MIKKO.email,
        password: MIKKO.password,
        vat: MIKKO.merchant.vat,
      });
      await db.merchantTokenSet.update({
        where: { merchantId },
        data: { lastRefreshedAt: new Date(Date.now() - 48 * 3600_000) },
      });
      await harness.control.json("POST", "/control/refresh-answer-fault", {
        kind: "hold",
        clientId: CONSOLE_CLIENT.clientId,
      });

      const crash = await killWhileHeld(["sweep"], 1);
      const job = await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } });
      expect(job.owner).toContain(crash.ownerPrefix);
      // The sweep recorded its attempt (grouped with its claim) before sending.
      expect(await db.auditEvent.count({ where: { action: "token.refresh_started", merchantId } })).toBe(1);
      const killedAt = await crash.kill();

      // Another console instance's scheduler does not run while the dead sweep's lease lasts, which is at
      // most a job lease's lifetime from the crash (nothing renews it any more); once it has lapsed, it does.
      expect(await sweep({ refreshAfterMs: 24 * 3600_000 })).toEqual({ ran: false });
      const deadLease = await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } });
      expect(deadLease.leaseUntil!.getTime()).toBeLessThanOrEqual(killedAt + leases.job);
      const skippedMs = await letLeasesOfLapse(crash.ownerPrefix);
      const outcome = await sweep({ refreshAfterMs: 24 * 3600_000 });
      expect(outcome).toMatchObject({ ran: true, processed: 1, failed: 1 });
      // Taken over within the job lease and a little more of the crash, the skipped time counted.
      const takenOverAfterMs = Date.now() + skippedMs - killedAt;
      expect(takenOverAfterMs).toBeLessThan(leases.job + 15_000);
      const after = await tokenSet(merchantId);
      expect(after.failureKind).toBe("terminal");
      expect(after.failureReason).toMatch(/previous refresh stopped/);
    },
    scaled(120_000),
  );
});
