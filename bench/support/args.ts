import { parseArgs } from "node:util";

import { GUARDS } from "./guards";

export const BENCHMARK_NAMES = [
  "crypto",
  "link-callback",
  "refresh-storm",
  "keep-alive",
  "console-pages",
  "integrator-api",
] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

export type BenchOptions = {
  only: BenchmarkName[];
  /** Linked merchants refreshed by the keep-alive sweep. */
  merchants: number;
  /** Merchants and audit events behind the console pages. */
  pageMerchants: number;
  auditEvents: number;
  /**
   * The big sizes the goals are judged on: the keep-alive over 10,000 merchants, and the console pages with
   * `scaleMerchants` and `scaleAuditEvents` beside the same pages with the default sizes, in the same run.
   */
  scale: boolean;
  scaleMerchants: number;
  scaleAuditEvents: number;
  stormSizes: number[];
  linkIterations: number;
  skipBuild: boolean;
};

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: "string" },
      merchants: { type: "string" },
      "page-merchants": { type: "string" },
      "audit-events": { type: "string" },
      scale: { type: "boolean", default: false },
      "scale-merchants": { type: "string" },
      "scale-audit-events": { type: "string" },
      "storm-sizes": { type: "string" },
      "link-iterations": { type: "string" },
      "skip-build": { type: "boolean", default: false },
      // Set by bench/run.ts for the child it starts; see bench-result.ts.
      "result-file": { type: "string" },
    },
    strict: true,
  });
  const only = (values.only ?? BENCHMARK_NAMES.join(",")).split(",").map((name) => name.trim());
  for (const name of only) {
    if (!(BENCHMARK_NAMES as readonly string[]).includes(name)) {
      throw new Error(`--only: unknown benchmark "${name}" (known: ${BENCHMARK_NAMES.join(", ")})`);
    }
  }
  const scale = values.scale ?? false;
  return {
    only: only as BenchmarkName[],
    merchants: positiveInteger("merchants", values.merchants, scale ? GUARDS.keepAliveJudgedFromMerchants : 1_000),
    pageMerchants: positiveInteger("page-merchants", values["page-merchants"], 1_000),
    auditEvents: positiveInteger("audit-events", values["audit-events"], 10_000),
    scale,
    scaleMerchants: positiveInteger("scale-merchants", values["scale-merchants"], 100_000),
    scaleAuditEvents: positiveInteger("scale-audit-events", values["scale-audit-events"], 1_000_000),
    stormSizes: (values["storm-sizes"] ?? "50,500").split(",").map((size) => positiveInteger("storm-sizes", size, 50)),
    linkIterations: positiveInteger("link-iterations", values["link-iterations"], 40),
    skipBuild: values["skip-build"] ?? false,
  };
}
