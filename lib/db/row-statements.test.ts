import { afterEach, describe, expect, it } from "vitest";

import { insertStatement, updateStatement } from "./row-statements";

const configured = process.env.DATABASE_URL;

afterEach(() => {
  if (configured === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = configured;
});

describe("statements built from rows", () => {
  it("quotes every name and binds every value, in the order the markers appear", () => {
    process.env.DATABASE_URL = "file:./test.db";
    const at = new Date("2026-11-26T00:00:00Z");
    expect(
      insertStatement("AuditEvent", [
        { id: "a", occurredAt: at },
        { id: "b", occurredAt: null },
      ]),
    ).toEqual({
      text: 'INSERT INTO "AuditEvent" ("id", "occurredAt") VALUES (?, ?), (?, ?)',
      values: ["a", at, "b", null],
    });
    expect(updateStatement("Invitation", { status: "consented", failureReason: null }, { id: "i-1" })).toEqual({
      text: 'UPDATE "Invitation" SET "status" = ?, "failureReason" = ? WHERE "id" = ?',
      values: ["consented", null, "i-1"],
    });
  });

  it("numbers the markers on PostgreSQL", () => {
    process.env.DATABASE_URL = "postgresql://localhost/console";
    expect(insertStatement("CallbackRecord", [{ id: "a", outcome: "passed" }]).text).toBe(
      'INSERT INTO "CallbackRecord" ("id", "outcome") VALUES ($1, $2)',
    );
    expect(updateStatement("Merchant", { name: "x" }, { id: "m", environment: "sandbox" }).text).toBe(
      'UPDATE "Merchant" SET "name" = $1 WHERE "id" = $2 AND "environment" = $3',
    );
  });

  it("refuses an update matched against null, or without columns, and an insert without rows", () => {
    expect(() => updateStatement("Merchant", { name: "x" }, { id: null })).toThrow(/cannot be matched against null/);
    expect(() => updateStatement("Merchant", {}, { id: "m" })).toThrow(/needs columns and a condition/);
    expect(() => insertStatement("Merchant", [])).toThrow(/needs a row with columns/);
  });
});
