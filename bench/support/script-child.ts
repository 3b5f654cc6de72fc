import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 60_000;

export type ScriptChild<Info> = { info: Info; stop(): Promise<void> };

/**
 * Runs a bench script in a process of its own (through tsx) and waits for the JSON line it prints once it
 * is ready. The script stops when its stdin closes; `stop` closes it and kills the process after 10 s.
 * Lines on stderr for which `keepErrorLine` is false are dropped (a known notice printed on every start).
 */
export async function startScriptChild<Info>(
  script: string,
  env: Record<string, string>,
  keepErrorLine: (line: string) => boolean = () => true,
): Promise<ScriptChild<Info>> {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), [script], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", ...env },
  });
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (keepErrorLine(line)) console.error(line);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s`)), START_TIMEOUT_MS);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it started`)));
  });
  return {
    info: JSON.parse(first) as Info,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
