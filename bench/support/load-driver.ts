/**
 * The load generator, run as its own process so it never competes with the server's event loop: a closed
 * loop of `concurrency` keep-alive connections to one loopback URL, stopping after `requests` responses
 * or `maxSeconds`, whichever comes first. Prints one JSON line with every latency and status.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

import { LOAD_PLAN_VARIABLE, type LoadPlan, type LoadReport } from "./load-driver-plan";

const plan = JSON.parse(process.env[LOAD_PLAN_VARIABLE] ?? "{}") as LoadPlan;
const target = new URL(plan.url);
if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("loopback targets only");

const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
const latenciesMs: number[] = [];
const statuses: Record<string, number> = {};
let bytes = 0;
let issued = 0;
const begin = performance.now();
const deadline = begin + plan.maxSeconds * 1000;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const headers = { ...plan.headers, ...(plan.cookie ? { cookie: plan.cookie } : {}) };
    const request = http.request(target, { agent, method: plan.method ?? "GET", headers }, (response) => {
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on("end", () => {
        latenciesMs.push(performance.now() - started);
        const key = String(response.statusCode);
        statuses[key] = (statuses[key] ?? 0) + 1;
        resolve();
      });
    });
    request.on("error", () => {
      statuses.error = (statuses.error ?? 0) + 1;
      resolve();
    });
    request.end();
  });
}

async function worker(): Promise<void> {
  while (issued < plan.requests && performance.now() < deadline) {
    issued += 1;
    await once();
  }
}

await Promise.all(Array.from({ length: plan.concurrency }, worker));
agent.destroy();
const report: LoadReport = { latenciesMs, statuses, bytes, seconds: (performance.now() - begin) / 1000 };
process.stdout.write(`${JSON.stringify(report)}\n`);
