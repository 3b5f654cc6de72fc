import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { phasesFrom, TEST_PHASES } from "./test-phases";

describe("test phases", () => {
  it("runs every check and test script of package.json, each once", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    const listed = TEST_PHASES.flat();
    expect(new Set(listed).size).toBe(listed.length);
    for (const script of listed) expect(scripts[script], script).toBeDefined();
    expect(listed).toEqual(
      expect.arrayContaining(["typecheck", "lint", "format:check", "db:pg:check", "test:unit", "test:postgres"]),
    );
    expect(listed.at(-1)).toBe("test:e2e");
  });

  it("starts from the phase of the script named, or from the first", () => {
    expect(phasesFrom(TEST_PHASES, undefined)).toEqual(TEST_PHASES);
    expect(phasesFrom(TEST_PHASES, "test:postgres")).toEqual([["test:postgres"], ["test:e2e"]]);
    expect(phasesFrom(TEST_PHASES, "lint")).toEqual(TEST_PHASES);
    expect(() => phasesFrom(TEST_PHASES, "test:nothing")).toThrow(/no phase runs "test:nothing"/);
  });
});
