import { describe, expect, it } from "vitest";

import { MAX_CALLBACK_VALUE_BYTES, parseCallbackParams } from "./callback-params";

const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
const CODE = "SPlxlOBeZQQYbYS6WxSblA";
const STATE = "228eaa0b1a2819a77f055171edb7d9d6";

function form(entries: [string, string][]): URLSearchParams {
  return new URLSearchParams(entries);
}

describe("parseCallbackParams", () => {
  it("accepts a hybrid form_post body with code, id_token and state", () => {
    const parsed = parseCallbackParams(
      form([
        ["code", CODE],
        ["id_token", ID_TOKEN],
        ["state", STATE],
        ["scope", "openid invoice"],
      ]),
    );
    expect(parsed).toEqual({ kind: "success", code: CODE, idToken: ID_TOKEN, state: STATE });
  });

  it("keeps iss and session_state when present, from a plain record", () => {
    const parsed = parseCallbackParams({
      code: CODE,
      id_token: ID_TOKEN,
      state: STATE,
      iss: "https://api.mobilepay.dk/merchant",
      session_state: "abc.def",
    });
    expect(parsed).toEqual({
      kind: "success",
      code: CODE,
      idToken: ID_TOKEN,
      state: STATE,
      iss: "https://api.mobilepay.dk/merchant",
      sessionState: "abc.def",
    });
  });

  it("reports the merchant cancelling as an error response", () => {
    const parsed = parseCallbackParams(
      form([
        ["error", "access_denied"],
        ["error_description", "The user cancelled"],
        ["state", STATE],
      ]),
    );
    expect(parsed).toEqual({
      kind: "error",
      error: "access_denied",
      errorDescription: "The user cancelled",
      state: STATE,
    });
  });

  it("reports an error response without state", () => {
    expect(parseCallbackParams({ error: "server_error" })).toEqual({ kind: "error", error: "server_error" });
  });

  it("flags a code without id_token as a downgrade", () => {
    expect(
      parseCallbackParams(
        form([
          ["code", CODE],
          ["state", STATE],
        ]),
      ),
    ).toEqual({ kind: "downgrade", state: STATE });
    expect(parseCallbackParams({ code: CODE })).toEqual({ kind: "downgrade" });
  });

  it("treats an empty id_token as absent, so an emptied field is still a downgrade", () => {
    expect(parseCallbackParams({ code: CODE, id_token: "", state: STATE })).toEqual({
      kind: "downgrade",
      state: STATE,
    });
  });

  it("refuses duplicated parameters, even when one copy is empty", () => {
    const duplicated = parseCallbackParams(
      form([
        ["code", CODE],
        ["id_token", ID_TOKEN],
        ["state", STATE],
        ["state", "other"],
      ]),
    );
    expect(duplicated).toEqual({ kind: "malformed", reason: 'parameter "state" appears more than once' });
    expect(parseCallbackParams({ code: [CODE, ""], id_token: ID_TOKEN, state: STATE }).kind).toBe("malformed");
  });

  it("refuses oversize values without echoing them", () => {
    const huge = "a".repeat(MAX_CALLBACK_VALUE_BYTES + 1);
    const parsed = parseCallbackParams({ code: CODE, id_token: ID_TOKEN, state: huge });
    expect(parsed.kind).toBe("malformed");
    if (parsed.kind === "malformed") {
      expect(parsed.reason).toContain("larger than 8192 bytes");
      expect(parsed.reason.length).toBeLessThan(200);
    }
    expect(
      parseCallbackParams({ code: CODE, id_token: ID_TOKEN, state: "a".repeat(MAX_CALLBACK_VALUE_BYTES) }).kind,
    ).toBe("success");
  });

  it("refuses front-channel access tokens, which the console never requests", () => {
    for (const name of ["access_token", "token"]) {
      const parsed = parseCallbackParams({
        code: CODE,
        id_token: ID_TOKEN,
        state: STATE,
        [name]: "secret-token-value",
      });
      expect(parsed.kind).toBe("malformed");
      if (parsed.kind === "malformed") {
        expect(parsed.reason).toContain(name);
        expect(parsed.reason).not.toContain("secret-token-value");
      }
    }
  });

  it("refuses a success without state, a non-JWS id_token, or an id_token without code", () => {
    expect(parseCallbackParams({ code: CODE, id_token: ID_TOKEN })).toEqual({
      kind: "malformed",
      reason: "state is missing",
    });
    const notJws = parseCallbackParams({ code: CODE, id_token: "not a jwt", state: STATE });
    expect(notJws).toEqual({ kind: "malformed", reason: "id_token: id_token is not a compact JWS" });
    expect(parseCallbackParams({ id_token: ID_TOKEN, state: STATE })).toEqual({
      kind: "malformed",
      reason: "id_token without a code",
    });
    expect(parseCallbackParams({ state: STATE })).toEqual({ kind: "malformed", reason: "neither code nor error" });
  });

  it("refuses responses that carry both an error and a code", () => {
    const parsed = parseCallbackParams({ error: "access_denied", code: CODE, state: STATE });
    expect(parsed.kind).toBe("malformed");
  });

  it("refuses error codes outside RFC 6749's character set", () => {
    const parsed = parseCallbackParams({ error: 'access_denied"<script>', state: STATE });
    expect(parsed.kind).toBe("malformed");
  });

  it("refuses bodies with an implausible number of parameters", () => {
    const entries = Array.from({ length: 40 }, (_, index): [string, string] => [`p${index}`, "x"]);
    const parsed = parseCallbackParams(form(entries));
    expect(parsed).toEqual({ kind: "malformed", reason: "40 parameters, more than the 32 accepted" });
  });
});
