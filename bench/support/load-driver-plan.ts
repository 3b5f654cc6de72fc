/** What the load driver is asked to do; the plan reaches it in this environment variable. */
export const LOAD_PLAN_VARIABLE = "BENCH_LOAD_PLAN";

export type LoadPlan = {
  url: string;
  cookie?: string;
  /** GET unless named; a request other than GET is sent without a body. */
  method?: string;
  /** Sent with every request, e.g. an API key's Authorization header. */
  headers?: Record<string, string>;
  concurrency: number;
  requests: number;
  maxSeconds: number;
};
export type LoadReport = { latenciesMs: number[]; statuses: Record<string, number>; bytes: number; seconds: number };
