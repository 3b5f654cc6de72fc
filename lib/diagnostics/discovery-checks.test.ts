import { describe, expect, it } from "vitest";

import { checkScopes } from "./discovery-checks";

const REQUESTED = ["openid", "offline_access", "invoice", "subscriptions"];

describe("the scopes check", () => {
  it("passes MobilePay's own discovery, which never lists offline_access, and says why", () => {
    const check = checkScopes(REQUESTED, ["openid", "invoice", "subscriptions"]);
    expect(check.level).toBe("pass");
    expect(check.message).toContain("offline_access is not listed");
    expect(check.fix).toBe("");
  });

  it("passes when every requested scope is published", () => {
    expect(checkScopes(REQUESTED, [...REQUESTED]).level).toBe("pass");
  });

  it("warns when a product scope is not published, and names only the product", () => {
    const check = checkScopes(REQUESTED, ["openid", "invoice"]);
    expect(check.level).toBe("warn");
    expect(check.message).toBe("The OP does not publish the product scope subscriptions in scopes_supported.");
    expect(check.fix).toContain("drop it from the requested products");
  });

  it("fails when the console does not ask for what the products need", () => {
    expect(checkScopes(["openid", "invoice"], REQUESTED).level).toBe("fail");
  });
});
