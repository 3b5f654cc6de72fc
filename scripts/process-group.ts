import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * Runs the product's processes side by side: when one of them ends, or the
 * launcher is interrupted, the others are stopped too.
 */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];
  private stopping = false;

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    this.children.push(child);
    child.on("exit", (code, signal) => {
      if (this.stopping) return;
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      this.stop(code ?? 1);
    });
    return child;
  }

  stop(exitCode = 0): void {
    this.stopping = true;
    for (const child of this.children) {
      if (child.exitCode === null) child.kill("SIGTERM");
    }
    setTimeout(() => process.exit(exitCode), 1500).unref();
  }

  stopOnSignals(): void {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => this.stop(0));
    }
  }
}

export function runToCompletion(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code})`)),
    );
    child.on("error", reject);
  });
}
