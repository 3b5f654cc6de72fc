import { availableParallelism, loadavg } from "node:os";

/**
 * One factor for how much slower than a quiet two-core machine the tests run here. Every bound that says
 * "this should have happened by now" (a test's time, a poll's deadline, a server's start) is multiplied by
 * it, so a shared CI host stretches the bounds instead of failing tests, while a hung test still fails.
 *
 * Set `TEST_SLOWNESS` to choose it (e.g. `TEST_SLOWNESS=3`); otherwise it is measured once from the load
 * the machine already carries when the run starts, and written back to the environment so that every
 * worker, server and child process of the run uses the same factor.
 */
export const TEST_SLOWNESS_ENV = "TEST_SLOWNESS";

type Environment = Record<string, string | undefined>;

/** Past this, a test is more likely hung than slow. */
export const MAX_TEST_SLOWNESS = 5;

/**
 * Runnable processes per core, averaged over the last minute: at 1 (every core busy with other work) each
 * process of the suite gets about half a core, so its steps take about twice as long.
 */
export function slownessFromLoad(loadPerMinute: number, cores: number): number {
  const factor = 1 + Math.max(0, loadPerMinute) / Math.max(1, cores);
  return clamp(Math.round(factor * 10) / 10);
}

/** The factor from `TEST_SLOWNESS`, or `undefined` when it is unset; an unusable value is an error. */
export function configuredSlowness(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const factor = Number(value);
  if (!Number.isFinite(factor) || factor < 1) {
    throw new Error(`${TEST_SLOWNESS_ENV} must be a number of at least 1, not "${value}"`);
  }
  return clamp(factor);
}

/** The run's factor: configured, or measured now and kept in the environment for the rest of the run. */
export function testSlowness(env: Environment = process.env): number {
  const configured = configuredSlowness(env[TEST_SLOWNESS_ENV]);
  if (configured !== undefined) return configured;
  const measured = slownessFromLoad(loadavg()[0] ?? 0, availableParallelism());
  env[TEST_SLOWNESS_ENV] = String(measured);
  return measured;
}

/** A bound chosen for a quiet machine, stretched by the run's factor. */
export function scaled(quietMachineMs: number, env: Environment = process.env): number {
  return Math.round(quietMachineMs * testSlowness(env));
}

function clamp(factor: number): number {
  return Math.min(MAX_TEST_SLOWNESS, Math.max(1, factor));
}
