import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { AuditCursor, TAuditFilters } from "./audit-filter-schemas";
import type { findAuditEvents as FindAuditEvents } from "./find-audit-events";

/** The audit log is read as plain SQL: filters, order and keyset paging must hold on SQLite and PostgreSQL. */
let db: Database;
let findAuditEvents: typeof FindAuditEvents;

const base = Date.parse("2026-06-01T00:00:00.000Z");
const minute = (n: number) => new Date(base + n * 60_000);

// Two events share minute 3, so the order has to fall back on the id.
const EVENTS = [
  { id: "e01", occurredAt: minute(1), action: "link.started", actorLabel: "Ida 100% Integrator", merchantId: "m-1" },
  { id: "e02", occurredAt: minute(2), action: "token.refreshed", actorLabel: "keep-alive", merchantId: "m-1" },
  { id: "e03", occurredAt: minute(3), action: "link.consented", actorLabel: "Annas Bageri", merchantId: "m-1" },
  { id: "e04", occurredAt: minute(3), action: "link.failed", actorLabel: "authorization response", merchantId: "m-2" },
  { id: "e05", occurredAt: minute(4), action: "staff.created", actorLabel: "IDA@example.com", merchantId: null },
  { id: "e06", occurredAt: minute(5), action: "linkage.other", actorLabel: "someone", merchantId: "m-2" },
  { id: "e07", occurredAt: minute(6), action: "token.refreshed", actorLabel: "keep-alive", merchantId: "m-2" },
];

withConsoleDatabase(async (client) => {
  db = client;
  ({ findAuditEvents } = await import("./find-audit-events"));
  for (const id of ["m-1", "m-2"]) {
    await db.merchant.create({ data: { id, environment: "sandbox", name: id, vatNumber: "DK1", products: "invoice" } });
  }
  await db.auditEvent.createMany({
    data: EVENTS.map((event) => ({
      ...event,
      actorType: event.actorLabel.includes("@") ? "staff" : "system",
      actorId: event.actorLabel.includes("@") ? "staff-7" : null,
      environment: event.merchantId === "m-2" ? "test" : "sandbox",
      outcome: event.action === "link.failed" ? "failure" : "success",
      details: JSON.stringify({ n: event.id }),
    })),
  });
});

const ids = async (filters: TAuditFilters, take = 50, cursor?: AuditCursor) =>
  (await findAuditEvents(db, { filters, cursor, take })).map((event) => event.id);

describe(`the audit log's reads on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("lists newest first, ties broken by id, with every column", async () => {
    expect(await ids({})).toEqual(["e07", "e06", "e05", "e04", "e03", "e02", "e01"]);
    const [newest] = await findAuditEvents(db, { filters: { actor: "staff-7" }, take: 1 });
    expect(newest).toEqual({
      id: "e05",
      occurredAt: minute(4),
      actorType: "staff",
      actorId: "staff-7",
      actorLabel: "IDA@example.com",
      action: "staff.created",
      environment: "sandbox",
      merchantId: null,
      outcome: "success",
      details: '{"n":"e05"}',
    });
  });

  it("pages by cursor without losing or repeating an event, across equal times", async () => {
    const seen: string[] = [];
    let cursor: AuditCursor | undefined;
    for (;;) {
      const page = await findAuditEvents(db, { filters: {}, cursor, take: 2 });
      if (page.length === 0) break;
      seen.push(...page.map((event) => event.id));
      const last = page.at(-1)!;
      cursor = { occurredAt: last.occurredAt, id: last.id };
    }
    expect(seen).toEqual(["e07", "e06", "e05", "e04", "e03", "e02", "e01"]);
  });

  it("filters by merchant, environment, time range and actor (id, or label ignoring case, % taken literally)", async () => {
    expect(await ids({ merchant: "m-2" })).toEqual(["e07", "e06", "e04"]);
    expect(await ids({ environment: "test" })).toEqual(["e07", "e06", "e04"]);
    expect(await ids({ from: minute(3), to: minute(4) })).toEqual(["e05", "e04", "e03"]);
    expect(await ids({ actor: "staff-7" })).toEqual(["e05"]);
    expect(await ids({ actor: "ida" })).toEqual(["e05", "e01"]);
    expect(await ids({ actor: "100%" })).toEqual(["e01"]);
    expect(await ids({ actor: "0% i" })).toEqual(["e01"]);
    expect(await ids({ actor: "1_0" })).toEqual([]);
    expect(await ids({ actor: "%" })).toEqual(["e01"]);
  });

  it("shows a restricted reader only the events of the environments they may see, with or without filters", async () => {
    const visible = async (visibleEnvironments: string[], filters: TAuditFilters = {}) =>
      (await findAuditEvents(db, { filters, take: 50, visibleEnvironments })).map((event) => event.id);
    expect(await visible(["test"])).toEqual(["e07", "e06", "e04"]);
    expect(await visible(["test"], { type: "link." })).toEqual(["e04"]);
    expect(await visible(["test"], { merchant: "m-1" })).toEqual([]);
    expect(await visible([])).toEqual([]);
  });

  it("reads an action type as a prefix, merging its actions in time order, paged by cursor", async () => {
    expect(await ids({ type: "link." })).toEqual(["e04", "e03", "e01"]);
    expect(await ids({ type: "link" })).toEqual(["e06", "e04", "e03", "e01"]);
    expect(await ids({ type: "token.refreshed", merchant: "m-1" })).toEqual(["e02"]);
    expect(await ids({ type: "link." }, 2)).toEqual(["e04", "e03"]);
    expect(await ids({ type: "link." }, 2, { occurredAt: minute(3), id: "e04" })).toEqual(["e03", "e01"]);
  });
});
