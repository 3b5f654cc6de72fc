import { describe, expect, it } from "vitest";

import { checkAuthorizationResponse } from "./authorization-response-checks";

const STATE = "state-value-bound-to-this-browser";
const ISSUER = "https://api.mobilepay.dk/merchant";
const expected = { state: STATE, issuer: ISSUER, requireIssParameter: false };
const success = { kind: "success" as const, code: "c", idToken: "a.b.c", state: STATE };

describe("checkAuthorizationResponse", () => {
  it("passes a matching state and accepts a missing iss when it is not required", () => {
    expect(checkAuthorizationResponse(success, expected)).toEqual([
      { name: "state", passed: true, detail: "state matches this browser's sign-in" },
      {
        name: "authorization_response_iss",
        passed: true,
        detail: "absent; mix-up is covered by the id_token iss check",
      },
    ]);
  });

  it("fails a foreign state without revealing either value", () => {
    const [state] = checkAuthorizationResponse({ ...success, state: "forged" }, expected);
    expect(state?.passed).toBe(false);
    expect(state?.detail).not.toContain("forged");
    expect(state?.detail).not.toContain(STATE);
  });

  it("requires the iss parameter when configured and compares it exactly", () => {
    const required = { ...expected, requireIssParameter: true };
    expect(checkAuthorizationResponse(success, required)[1]?.passed).toBe(false);
    expect(checkAuthorizationResponse({ ...success, iss: `${ISSUER}/` }, required)[1]?.detail).toContain(
      "iss mismatch",
    );
    expect(checkAuthorizationResponse({ ...success, iss: ISSUER }, required)[1]?.passed).toBe(true);
  });

  it("records a hybrid downgrade as a missing id_token", () => {
    const results = checkAuthorizationResponse({ kind: "downgrade", state: STATE }, expected);
    expect(results.map((result) => [result.name, result.passed])).toEqual([
      ["state", true],
      ["id_token_present", false],
    ]);
  });

  it("checks state on error responses and fails malformed ones", () => {
    expect(checkAuthorizationResponse({ kind: "error", error: "access_denied" }, expected)[0]?.passed).toBe(false);
    const malformed = checkAuthorizationResponse({ kind: "malformed", reason: "duplicated state" }, expected);
    expect(malformed).toEqual([
      { name: "state", passed: false, detail: "not checked: the response is malformed (duplicated state)" },
    ]);
  });
});
