import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-length";

import { Field } from "./field";
import { InputField } from "./input-field";
import { NewPasswordField } from "./new-password-field";

/** The attributes of the one element carrying `id`, and the text of the element it is described by. */
function describedInput(markup: string, id: string) {
  const field = new FieldMarkup(markup);
  const input = field.attributesOf(id);
  const describedBy = input["aria-describedby"];
  return { input, description: describedBy === undefined ? undefined : field.textOf(describedBy) };
}

/** Reads the static markup of one field: its ids are unique and its elements shallow. */
class FieldMarkup {
  constructor(private readonly markup: string) {}

  attributesOf(id: string): Record<string, string> {
    const tag = new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(this.markup)?.[0];
    if (!tag) throw new Error(`no element with id ${id}`);
    return Object.fromEntries([...tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  }

  textOf(id: string): string {
    const element = new RegExp(`<([a-z]+)[^>]*\\sid="${id}"[^>]*>(.*?)</\\1>`).exec(this.markup);
    if (!element) throw new Error(`no element with id ${id}`);
    return element[2]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }
}

describe("form fields", () => {
  it("describe their input by the hint, and by the server's errors instead once it refused the value", () => {
    const hinted = renderToStaticMarkup(
      createElement(InputField, { id: "name", label: "Name", hint: "As on the invoice." }),
    );
    expect(describedInput(hinted, "name")).toEqual({
      input: expect.objectContaining({ "aria-invalid": "false", "aria-describedby": "name-hint" }),
      description: "As on the invoice.",
    });

    const refused = renderToStaticMarkup(
      createElement(InputField, {
        id: "name",
        label: "Name",
        hint: "As on the invoice.",
        errors: ["Too long", "Bidi"],
      }),
    );
    expect(describedInput(refused, "name")).toEqual({
      input: expect.objectContaining({ "aria-invalid": "true", "aria-describedby": "name-error" }),
      description: "Too long Bidi",
    });
    expect(refused).not.toContain("As on the invoice.");
    // One element per id, however many messages.
    expect(refused.match(/id="name-error"/g)).toHaveLength(1);

    // Any control inside a Field, not only InputField's, and one that names its own description keeps it.
    const select = renderToStaticMarkup(
      createElement(
        Field,
        { id: "kind", label: "Kind", errors: ["Choose a kind"] },
        createElement("select", { id: "kind" }),
      ),
    );
    expect(describedInput(select, "kind")).toEqual({
      input: expect.objectContaining({ "aria-invalid": "true", "aria-describedby": "kind-error" }),
      description: "Choose a kind",
    });
    const own = renderToStaticMarkup(
      createElement(
        Field,
        { id: "own", label: "Own", hint: "A hint" },
        createElement("input", { id: "own", "aria-describedby": "elsewhere" }),
      ),
    );
    expect(new FieldMarkup(own).attributesOf("own")).toMatchObject({ "aria-describedby": "elsewhere" });

    const bare = renderToStaticMarkup(createElement(InputField, { id: "name", label: "Name" }));
    expect(describedInput(bare, "name").input).not.toHaveProperty("aria-describedby");
  });

  it("state the server's password policy on every new-password field and let a password manager fill it", () => {
    const markup = renderToStaticMarkup(
      createElement(NewPasswordField, {
        id: "new-password",
        label: "New password",
        name: "newPassword",
        note: "Your other sessions are signed out.",
      }),
    );
    const { input, description } = describedInput(markup, "new-password");
    expect(input).toMatchObject({ type: "password", autoComplete: "new-password", name: "newPassword" });
    expect(description).toBe(`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions are signed out.`);
  });
});
