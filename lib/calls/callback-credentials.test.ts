import { describe, expect, it } from "vitest";

import { callbackCredentialsFor, verifyCallbackAuthorization } from "@/lib/calls/callback-credentials";

const SECRET = "a-console-secret-of-at-least-32-characters";

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

describe("callback credentials", () => {
  it("are stable per environment and merchant, and differ between them", () => {
    const first = callbackCredentialsFor("sandbox", "merchant-1", SECRET);
    expect(callbackCredentialsFor("sandbox", "merchant-1", SECRET)).toEqual(first);
    expect(first.username).toBe("merchant-1");
    expect(callbackCredentialsFor("test", "merchant-1", SECRET).password).not.toBe(first.password);
    expect(callbackCredentialsFor("sandbox", "merchant-2", SECRET).password).not.toBe(first.password);
  });

  it("verify the registered Basic header and name its merchant", () => {
    const { username, password } = callbackCredentialsFor("sandbox", "merchant-1", SECRET);
    expect(verifyCallbackAuthorization("sandbox", basic(username, password), SECRET)).toMatchObject({
      verified: true,
      merchantId: "merchant-1",
    });
  });

  it("refuse a missing header, another scheme, a wrong password or another environment's password", () => {
    const { password } = callbackCredentialsFor("sandbox", "merchant-1", SECRET);
    expect(verifyCallbackAuthorization("sandbox", null, SECRET).verified).toBe(false);
    expect(verifyCallbackAuthorization("sandbox", "Bearer abc", SECRET).verified).toBe(false);
    expect(verifyCallbackAuthorization("sandbox", basic("merchant-1", `${password}x`), SECRET)).toMatchObject({
      verified: false,
      merchantId: null,
    });
    expect(verifyCallbackAuthorization("test", basic("merchant-1", password), SECRET).verified).toBe(false);
    expect(verifyCallbackAuthorization("sandbox", basic("merchant-2", password), SECRET).verified).toBe(false);
  });
});
