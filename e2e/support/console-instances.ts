import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

import bcrypt from "bcryptjs";

import { createPrismaClient, type Database } from "../../lib/db/create-client";
import type { StaffRole } from "../../lib/auth/roles";
import { scaled } from "../../lib/testing/test-slowness";
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/throwaway-postgres";

import { migrateDatabase, spawnConsole, waitUntilHealthy, type SpawnedConsole } from "./spawned-console";

/** Distinct ports: two asks in a row may be handed the same one. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** A migrated throw-away PostgreSQL database for several instances, with one staff member to sign in as. */
export async function startSharedDatabase(staff: {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}): Promise<{ postgres: ThrowawayPostgres; db: Database }> {
  const postgres = await startThrowawayPostgres();
  migrateDatabase(postgres.url);
  const db = createPrismaClient(postgres.url);
  await db.staffUser.create({
    data: {
      email: staff.email,
      name: staff.name,
      role: staff.role,
      passwordHash: await bcrypt.hash(staff.password, 10),
    },
  });
  return { postgres, db };
}

/**
 * One console behind one (imagined) load balancer: an instance per port on the shared database, all with the
 * first port's public address and the same secrets. Each process joins `processes` as soon as it starts, so
 * the spec stops it even when another never answers.
 */
export async function startConsoleInstances(options: {
  ports: number[];
  postgres: ThrowawayPostgres;
  name: string;
  env: Record<string, string>;
  processes: ChildProcess[];
}): Promise<SpawnedConsole[]> {
  const shared = {
    NEXTAUTH_URL: `http://localhost:${options.ports[0]}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEYS: `${options.name}:${randomBytes(32).toString("base64")}`,
    ...options.env,
  };
  const consoles = options.ports.map((port) =>
    spawnConsole({
      port,
      directory: options.postgres.directory,
      name: `${options.name}-console-${port}`,
      databaseUrl: options.postgres.url,
      env: shared,
    }),
  );
  options.processes.push(...consoles.map((spawned) => spawned.process));
  await Promise.all(consoles.map((spawned) => waitUntilHealthy(spawned, scaled(60_000))));
  return consoles;
}

/** Asks every process to stop and waits until they have, or until a quiet machine's ten seconds have passed. */
export async function stopProcesses(processes: ChildProcess[]): Promise<void> {
  const exited = processes.map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
      }),
  );
  for (const child of processes) child.kill("SIGTERM");
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, scaled(10_000)))]);
}
