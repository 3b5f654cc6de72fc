import { describe, expect, it } from "vitest";

import { judgeKeyEnvironments } from "./api-key-environments";

const CONFIGURED = [
  { id: "sandbox", isSandbox: true },
  { id: "test", isSandbox: true },
  { id: "production", isSandbox: false },
];
const ADMIN = { sandboxesOnly: false };
const DEMO = { sandboxesOnly: true };

describe("which environments one API key may hold", () => {
  it("marks sandbox keys test and production keys live", () => {
    expect(judgeKeyEnvironments(["sandbox", "test"], CONFIGURED, ADMIN)).toEqual({ ok: true, mode: "test" });
    expect(judgeKeyEnvironments(["production"], CONFIGURED, ADMIN)).toEqual({ ok: true, mode: "live" });
  });

  it("never mixes production with a sandbox", () => {
    const verdict = judgeKeyEnvironments(["sandbox", "production"], CONFIGURED, ADMIN);
    expect(verdict).toEqual({ ok: false, problem: "A key is either for production or for sandboxes, never both." });
  });

  it("lets demo staff create sandbox keys only", () => {
    expect(judgeKeyEnvironments(["sandbox"], CONFIGURED, DEMO)).toEqual({ ok: true, mode: "test" });
    expect(judgeKeyEnvironments(["production"], CONFIGURED, DEMO)).toMatchObject({
      ok: false,
      problem: "Demo accounts can only create keys for sandbox environments.",
    });
  });

  it("refuses environments this console does not configure, and an empty choice", () => {
    expect(judgeKeyEnvironments(["staging"], CONFIGURED, ADMIN)).toMatchObject({ ok: false });
    expect(judgeKeyEnvironments([], CONFIGURED, ADMIN)).toMatchObject({ ok: false });
  });
});
