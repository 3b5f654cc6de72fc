import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * Prisma's schema engine splits a PostgreSQL migration into statements at every semicolon, comments included:
 * a `;` in a comment turns the rest of that comment into a statement that fails the deploy.
 */
describe("migration scripts", () => {
  const folders = ["prisma/migrations", "prisma/postgresql/migrations"];
  const scripts = folders.flatMap((folder) =>
    readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(folder, entry.name, "migration.sql")),
  );

  it("have no semicolon in a comment", () => {
    expect(scripts.length).toBeGreaterThan(10);
    const offending = scripts.flatMap((script) =>
      readFileSync(script, "utf8")
        .split("\n")
        .map((line, index) => ({ line, at: `${script}:${index + 1}` }))
        .filter(({ line }) => /--[^\n]*;/.test(line))
        .map(({ at }) => at),
    );
    expect(offending).toEqual([]);
  });
});
