import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ZExternalEnvironmentSchema } from "./environment-config";

/** The names .env.example sets or leaves empty, one `NAME=` a line. */
function exampleNames(): Set<string> {
  const text = readFileSync(path.join(import.meta.dirname, "..", "..", ".env.example"), "utf8");
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!));
}

describe(".env.example", () => {
  it("lists every setting of MobilePay's own environments the console reads, for test and production", () => {
    const names = exampleNames();
    // Read beside the schema: the legacy gateway pair, and the extra origins of the consent page's form.
    const settings = [...Object.keys(ZExternalEnvironmentSchema.shape), "IBM_CLIENT_ID", "IBM_CLIENT_SECRET"];
    settings.push("AUTHORIZE_ORIGINS");
    const missing = ["MOBILEPAY_TEST_", "MOBILEPAY_PRODUCTION_"]
      .flatMap((prefix) => settings.map((setting) => `${prefix}${setting}`))
      .filter((name) => !names.has(name));
    expect(missing).toEqual([]);
  });
});
