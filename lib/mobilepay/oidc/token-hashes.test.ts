import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { digestForAlg, leftHalfHash, UnsupportedHashAlgorithmError } from "./token-hashes";

describe("leftHalfHash", () => {
  it("reproduces the c_hash and at_hash examples of OIDC Core appendix A", () => {
    expect(leftHalfHash("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", "RS256")).toBe(
      "LDktKdoQak3Pk0cnXxCltA",
    );
    expect(leftHalfHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256")).toBe("77QmUPtjPfzWtF2AnpK9RQ");
  });

  it("takes the left half of the digest named by the alg's size", () => {
    const value = "some-authorization-code";
    const sha384 = createHash("sha384").update(value).digest();
    expect(leftHalfHash(value, "PS384")).toBe(sha384.subarray(0, 24).toString("base64url"));
    expect(leftHalfHash(value, "ES512")).toHaveLength(43);
    expect(leftHalfHash(value, "RS256")).toHaveLength(22);
  });

  it("maps RS/PS/ES algs to SHA-2 digests and refuses algs without a defined hash", () => {
    expect(digestForAlg("RS256")).toBe("sha256");
    expect(digestForAlg("PS256")).toBe("sha256");
    expect(digestForAlg("ES256")).toBe("sha256");
    expect(digestForAlg("RS512")).toBe("sha512");
    expect(() => leftHalfHash("x", "none")).toThrow(UnsupportedHashAlgorithmError);
    expect(() => leftHalfHash("x", "RS1")).toThrow(/RS1/);
  });
});
