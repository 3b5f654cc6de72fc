import { describe, expect, it } from "vitest";

import * as oidc from "./index";

describe("public API", () => {
  it("exposes the relying-party building blocks", () => {
    for (const name of [
      "leftHalfHash",
      "createPkcePair",
      "randomUrlSafe",
      "parseCallbackParams",
      "checkAuthorizationResponse",
      "firstFailure",
      "createRemoteKeyResolver",
      "createStaticKeyResolver",
      "checkFrontChannelIdToken",
      "checkTokenEndpointIdToken",
      "fetchDiscovery",
      "exchangeCode",
      "refreshTokens",
      "revokeToken",
    ] as const) {
      expect(typeof oidc[name]).toBe("function");
    }
    expect(new oidc.TokenEndpointError({ kind: "transient", reason: "r" })).toBeInstanceOf(Error);
    expect(new oidc.DiscoveryError("timeout", "m").kind).toBe("timeout");
    expect(new oidc.JwksUnreachableError("m")).toBeInstanceOf(oidc.JwksError);
    expect(oidc.STAFF_MESSAGES.c_hash).toContain("code");
    expect(oidc.DEFAULT_CLOCK_TOLERANCE_SECONDS).toBe(10);
  });
});
