import { describe, expect, it } from "vitest";

import {
  allPassed,
  checkThat,
  failedCheck,
  failures,
  firstFailure,
  passedCheck,
  STAFF_MESSAGES,
  type CheckName,
} from "./check-result";

/** The checks this library runs itself; the console adds its own names for the link transaction. */
const PROTOCOL_CHECK_NAMES: CheckName[] = [
  "state",
  "id_token_present",
  "alg",
  "kid",
  "signature",
  "iss",
  "aud",
  "azp",
  "exp",
  "iat",
  "nonce",
  "c_hash",
  "at_hash",
  "sub_match",
  "iss_match",
  "authorization_response_iss",
];

describe("check results", () => {
  it("builds passed and failed entries", () => {
    expect(passedCheck("iss", "ok")).toEqual({ name: "iss", passed: true, detail: "ok" });
    expect(failedCheck("aud", "wrong")).toEqual({ name: "aud", passed: false, detail: "wrong" });
    expect(checkThat("exp", false, "expired")).toEqual({ name: "exp", passed: false, detail: "expired" });
  });

  it("finds the first failure in order and lists all failures", () => {
    const results = [passedCheck("alg", "a"), failedCheck("kid", "k"), failedCheck("signature", "s")];
    expect(firstFailure(results)?.name).toBe("kid");
    expect(failures(results).map((result) => result.name)).toEqual(["kid", "signature"]);
    expect(firstFailure([passedCheck("alg", "a")])).toBeUndefined();
  });

  it("does not treat an empty list as passed", () => {
    expect(allPassed([])).toBe(false);
    expect(allPassed([passedCheck("alg", "a")])).toBe(true);
    expect(allPassed([passedCheck("alg", "a"), failedCheck("nonce", "n")])).toBe(false);
  });

  it("has a specific staff message for every protocol check", () => {
    for (const name of PROTOCOL_CHECK_NAMES) expect(STAFF_MESSAGES[name].length).toBeGreaterThan(60);
    const messages = Object.values(STAFF_MESSAGES);
    expect(messages.every((message) => message.trim().length > 0)).toBe(true);
    expect(new Set(messages).size).toBe(messages.length);
    expect(STAFF_MESSAGES.nonce).toContain("replayed");
  });
});
