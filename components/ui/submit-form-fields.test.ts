import { afterEach, describe, expect, it, vi } from "vitest";

import {
  IDLE_FORM,
  readFormFields,
  settledForm,
  submitFormFields,
  SUBMITTING_FORM,
} from "@/components/ui/submit-form-fields";
import { UNREACHABLE_TEXT, UNREACHABLE_TRY_AGAIN_TEXT } from "@/components/ui/unreachable-text";

function formData(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.set(name, value);
  return form;
}

function answering(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_path: string, _init: RequestInit) =>
    typeof body === "string" ? new Response(body, { status }) : Response.json(body, { status }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("reading a form's fields", () => {
  it("takes each named field as its text, an absent one as empty, and nothing else", () => {
    const form = formData({ name: "Ada", email: "ada@example.com", username: "not asked for" });
    expect(readFormFields(form, ["name", "email", "password"])).toEqual({
      name: "Ada",
      email: "ada@example.com",
      password: "",
    });
  });
});

describe("submitting a form's fields to a console route", () => {
  it("posts them as JSON, same-origin, and hands back the answer", async () => {
    const fetchMock = answering(200, { staff: { email: "ada@example.com" } });
    const outcome = await submitFormFields(
      { path: "/api/staff", fields: ["name", "email"] },
      formData({ name: "Ada", email: "ada@example.com" }),
    );
    expect(outcome).toEqual({ ok: true, answer: { staff: { email: "ada@example.com" } } });
    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe("/api/staff");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ name: "Ada", email: "ada@example.com" });
  });

  it("uses the method the route takes", async () => {
    const fetchMock = answering(200, { otherSessionsEnded: 0 });
    await submitFormFields(
      { path: "/api/account/password", method: "PUT", fields: ["currentPassword", "newPassword"] },
      formData({ currentPassword: "old", newPassword: "new" }),
    );
    expect(fetchMock.mock.calls[0]![1].method).toBe("PUT");
  });

  it("passes on a refusal's message and the messages per field", async () => {
    answering(422, {
      error: {
        code: "INVALID_INPUT",
        message: "Some fields are not valid.",
        fieldErrors: { password: ["Use at least 12 characters"] },
      },
    });
    const outcome = await submitFormFields({ path: "/api/password-reset/t", fields: ["password"] }, formData({}));
    expect(outcome).toEqual({
      ok: false,
      text: "Some fields are not valid.",
      fieldErrors: { password: ["Use at least 12 characters"] },
    });
  });

  it("says the status of a refusal without a body, with no field to blame", async () => {
    answering(502, "Bad Gateway");
    const outcome = await submitFormFields({ path: "/api/account", method: "PATCH", fields: ["name"] }, formData({}));
    expect(outcome).toEqual({ ok: false, text: "Request failed (502)", fieldErrors: {} });
  });

  it("says the console could not be reached when no answer came, in the form's own words if it has them", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const fields = { path: "/api/account/totp", fields: ["code"] } as const;
    expect(await submitFormFields(fields, formData({ code: "123456" }))).toEqual({
      ok: false,
      text: UNREACHABLE_TEXT,
      fieldErrors: {},
    });
    expect(
      await submitFormFields({ ...fields, unreachableText: UNREACHABLE_TRY_AGAIN_TEXT }, formData({ code: "123456" })),
    ).toEqual({ ok: false, text: "The console could not be reached. Try again.", fieldErrors: {} });
  });
});

describe("what the form shows along the way", () => {
  it("starts quiet, and a new try waits with the last try's messages cleared", () => {
    expect(IDLE_FORM).toEqual({ pending: false, fieldErrors: {}, message: null });
    expect(SUBMITTING_FORM).toEqual({ pending: true, fieldErrors: {}, message: null });
  });

  it("on a yes runs the success step once and shows the text it gives, or nothing", () => {
    const succeeded = vi.fn((answer: { otherSessionsEnded: number }) => `${answer.otherSessionsEnded} signed out.`);
    expect(settledForm({ ok: true, answer: { otherSessionsEnded: 2 } }, succeeded)).toEqual({
      pending: false,
      fieldErrors: {},
      message: { tone: "success", text: "2 signed out." },
    });
    expect(succeeded).toHaveBeenCalledOnce();
    expect(settledForm({ ok: true, answer: null }, () => undefined)).toEqual(IDLE_FORM);
  });

  it("on a refusal shows why, above the form and under each field, without running the success step", () => {
    const succeeded = vi.fn(() => "never shown");
    expect(
      settledForm(
        { ok: false, text: "Some fields are not valid.", fieldErrors: { name: ["Enter a name"] } },
        succeeded,
      ),
    ).toEqual({
      pending: false,
      fieldErrors: { name: ["Enter a name"] },
      message: { tone: "error", text: "Some fields are not valid." },
    });
    expect(succeeded).not.toHaveBeenCalled();
  });
});
