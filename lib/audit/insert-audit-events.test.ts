import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { insertAuditEvents } from "./insert-audit-events";

let db: Database;
let insert: typeof insertAuditEvents;

withConsoleDatabase(async (client) => {
  db = client;
  ({ insertAuditEvents: insert } = await import("./insert-audit-events"));
});

describe(`audit events written as SQL on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("stores each event as recordAuditEvent would, in the audit log's order", async () => {
    const merchantId = await storeMerchant(db, "Audited ApS", { tokenSet: null });
    const at = new Date("2026-11-26T08:09:10.111Z");
    await db.$transaction((tx) =>
      insert(
        tx,
        [
          {
            actor: { type: "system", label: "keep-alive" },
            action: "token.refreshed",
            environment: "sandbox",
            merchantId,
            details: { generation: 2 },
          },
          {
            actor: { type: "staff", id: "staff-1", label: "ann@example.com" },
            action: "token.revealed",
            outcome: "failure",
          },
        ],
        at,
      ),
    );
    const events = await db.auditEvent.findMany({
      where: { occurredAt: at },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actorType: "staff",
      actorId: "staff-1",
      actorLabel: "ann@example.com",
      action: "token.revealed",
      environment: null,
      merchantId: null,
      outcome: "failure",
      details: "{}",
    });
    expect(events[1]).toMatchObject({
      actorType: "system",
      actorId: null,
      action: "token.refreshed",
      environment: "sandbox",
      merchantId,
      outcome: "success",
    });
    expect(JSON.parse(events[1]!.details)).toEqual({ generation: 2 });
    expect(events.every((event) => event.occurredAt.toISOString() === at.toISOString())).toBe(true);
    expect(events.every((event) => /^c[0-9a-z]{24}$/.test(event.id))).toBe(true);
  });

  it("writes nothing for no events", async () => {
    const before = await db.auditEvent.count();
    await db.$transaction((tx) => insert(tx, [], new Date()));
    expect(await db.auditEvent.count()).toBe(before);
  });
});
