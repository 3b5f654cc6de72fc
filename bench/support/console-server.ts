import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

import { sleep } from "./timing";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const READY_TIMEOUT_MS = 90_000;

/** `next build` into .next, as `npm run build` does after prisma generate (the clients are generated). */
export function buildConsole(): number {
  const started = Date.now();
  const result = spawnSync(bin("next"), ["build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`next build failed (${result.status}): ${result.stderr.toString().slice(-2000)}`);
  }
  return Date.now() - started;
}

export type ConsoleServer = { url: string; stop(): Promise<void> };

/** `next start` on loopback in its own process group, ready once /api/health answers. */
export async function startConsole(port: number, env: Record<string, string>): Promise<ConsoleServer> {
  // BENCH_CPU_PROFILE_DIR=dir writes a V8 CPU profile of each console server there when it stops.
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const nextCli = path.join("node_modules", "next", "dist", "bin", "next");
  const args = [...nodeFlags, nextCli, "start", "--port", String(port), "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "pipe"],
    // The bench's admin signs in with a password alone, as a measured page load does.
    env: { ...process.env, STAFF_ADMIN_SECOND_FACTOR: "false", ...env, NODE_ENV: "production", PORT: String(port) },
    detached: true,
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${errors}`);
    try {
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`next start was not ready within 90 s: ${errors}`);
    await sleep(250);
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
