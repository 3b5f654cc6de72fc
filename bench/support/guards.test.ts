import { describe, expect, it } from "vitest";

import { goalRatio, type GoalRow } from "./bench-result";
import { GUARDS, keepAliveJudged, pageGuard, resultCell, scaleGuard, verdict } from "./guards";

const goal = (overrides: Partial<GoalRow>): GoalRow => ({
  benchmark: "page merchants list",
  measured: 50,
  floor: 25,
  unit: "ms (median)",
  ratio: 2,
  goal: "≤ 2.5×",
  pass: true,
  ...overrides,
});

describe("benchmark guards", () => {
  it("holds the console pages to their own ratios of the sign-in page's median", () => {
    expect(pageGuard("merchants list")).toBe(2.5);
    expect(pageGuard("merchants list, filtered")).toBe(2.8);
    expect(pageGuard("merchant detail")).toBe(3.3);
    expect(pageGuard("audit log")).toBe(2.7);
    expect(pageGuard("audit log, no rows (informational)")).toBeUndefined();
    expect(GUARDS.linkCallbackToTokenEndpoint).toBe(2.3);
    expect(GUARDS.pageAtScale).toBe(1.3);
  });

  it("holds every page to 1.3× itself as data grows, and the search whose matches grow with it to its own ratio", () => {
    expect(scaleGuard("merchants list")).toBe(1.3);
    expect(scaleGuard("merchants list, one merchant found")).toBe(1.3);
    expect(scaleGuard("audit log half-way back")).toBe(1.3);
    expect(scaleGuard("merchants list, filtered")).toBe(1.5);
  });

  it("judges the keep-alive from 10,000 merchants, as `--scale` runs it, and only reports the default 1,000", () => {
    expect(GUARDS.keepAliveToOp).toBe(0.8);
    expect(keepAliveJudged(10_000)).toBe(true);
    expect(keepAliveJudged(50_000)).toBe(true);
    expect(keepAliveJudged(1_000)).toBe(false);
    expect(keepAliveJudged(9_999)).toBe(false);
  });

  it("exits 0 when every guard holds; informational rows do not count", () => {
    const result = verdict([goal({}), goal({ benchmark: "informational", pass: null })]);
    expect(result).toEqual({ lines: ["All 1 guards hold."], exitCode: 0 });
    expect(verdict([goal({ pass: null })])).toEqual({ lines: ["No guard is judged at these sizes."], exitCode: 0 });
  });

  it("exits 1 and names each crossed guard, and a benchmark that could not run", () => {
    const result = verdict([
      goal({}),
      goal({ benchmark: "page audit log", ratio: 3.1, goal: "≤ 2.7×", pass: false, note: "p95 4×" }),
      goal({ benchmark: "keep-alive", measured: null, ratio: null, goal: "", pass: false, note: "exited with 1" }),
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toEqual([
      "2 guards crossed:",
      "  page audit log: 3.1 (goal ≤ 2.7×) — p95 4×",
      "  keep-alive: not measured (goal to run) — exited with 1",
    ]);
  });

  it("prints a goal's ratio precisely enough that one just past its guard does not read as the guard", () => {
    expect(goalRatio(66.7 / 60.5)).toBe(1.102);
    expect(goalRatio(1.1)).toBe(1.1);
    expect(goalRatio(0.7994)).toBe(0.799);
  });

  it("marks a crossed guard in the summary table so it stands out", () => {
    expect(resultCell(goal({ pass: false }))).toBe("FAIL <<<");
    expect(resultCell(goal({ pass: true }))).toBe("pass");
    expect(resultCell(goal({ pass: null }))).toBe("—");
  });
});
