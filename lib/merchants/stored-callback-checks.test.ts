import { describe, expect, it } from "vitest";

import { STAFF_MESSAGES } from "@/lib/mobilepay/oidc/check-result";

import { parseStoredChecks } from "./stored-callback-checks";

describe("parseStoredChecks", () => {
  it("explains a failed check in staff's words and leaves passed checks unexplained", () => {
    const checks = parseStoredChecks(
      JSON.stringify([
        { name: "state", passed: true, detail: "matches" },
        { name: "c_hash", passed: false, detail: "differs" },
      ]),
    );
    expect(checks).toEqual([
      { name: "state", passed: true, detail: "matches", explanation: null },
      { name: "c_hash", passed: false, detail: "differs", explanation: STAFF_MESSAGES.c_hash },
    ]);
  });

  it("has no explanation for a check it does not know, nor for an inherited property's name", () => {
    const checks = parseStoredChecks(
      JSON.stringify([
        { name: "retired_check", passed: false, detail: "" },
        { name: "toString", passed: false },
      ]),
    );
    expect(checks).toEqual([
      { name: "retired_check", passed: false, detail: "", explanation: null },
      { name: "toString", passed: false, detail: "", explanation: null },
    ]);
  });

  it("answers an error instead of throwing for damaged records", () => {
    expect(parseStoredChecks("{")).toEqual({ error: "cannot decode the stored checks" });
    expect(parseStoredChecks('{"name":"state"}')).toEqual({ error: "not a list of checks" });
  });
});
