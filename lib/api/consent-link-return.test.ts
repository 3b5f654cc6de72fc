import { describe, expect, it } from "vitest";

import { consentReturnError } from "./consent-link-return";

describe("the error code a return URL is given", () => {
  it("tells a merchant's cancel from MobilePay's other errors", () => {
    expect(consentReturnError("authorization_error", "access_denied")).toBe("access_denied");
    expect(consentReturnError("authorization_error", "server_error")).toBe("mobilepay_error");
  });

  it("groups the console's checks into a few stable codes", () => {
    expect(consentReturnError("merchant_match")).toBe("merchant_mismatch");
    expect(consentReturnError("token_endpoint")).toBe("token_exchange_failed");
    expect(consentReturnError("refresh_token_present")).toBe("token_exchange_failed");
    expect(consentReturnError("c_hash")).toBe("verification_failed");
    expect(consentReturnError("state")).toBe("verification_failed");
    expect(consentReturnError(null)).toBe("link_failed");
  });
});
