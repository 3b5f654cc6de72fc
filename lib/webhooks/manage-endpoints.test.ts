import { describe, expect, it } from "vitest";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { createWebhookEndpoint } from "./create-webhook-endpoint";
import type { fanOutEvents } from "./fan-out-events";
import type { listWebhookEndpoints } from "./list-webhook-endpoints";
import type { recordWebhookEvents } from "./record-webhook-events";
import type { replayWebhookDeliveries } from "./replay-webhook-deliveries";
import type { rotateWebhookSecret } from "./rotate-webhook-secret";
import type { updateWebhookEndpoint } from "./update-webhook-endpoint";
import { ZWebhookEndpointUpdateSchema, type TWebhookEndpointInput } from "./webhook-endpoint-schemas";

/** Production rules here: no WEBHOOK_ALLOW_LOOPBACK. */
let db: Database;
let create: typeof createWebhookEndpoint;
let update: typeof updateWebhookEndpoint;
let rotate: typeof rotateWebhookSecret;
let replay: typeof replayWebhookDeliveries;
let list: typeof listWebhookEndpoints;
let record: typeof recordWebhookEvents;
let fanOut: typeof fanOutEvents;

withConsoleDatabase(async (client) => {
  db = client;
  ({ createWebhookEndpoint: create } = await import("./create-webhook-endpoint"));
  ({ updateWebhookEndpoint: update } = await import("./update-webhook-endpoint"));
  ({ rotateWebhookSecret: rotate } = await import("./rotate-webhook-secret"));
  ({ replayWebhookDeliveries: replay } = await import("./replay-webhook-deliveries"));
  ({ listWebhookEndpoints: list } = await import("./list-webhook-endpoints"));
  ({ recordWebhookEvents: record } = await import("./record-webhook-events"));
  ({ fanOutEvents: fanOut } = await import("./fan-out-events"));
});

const admin: CurrentStaff = { id: "a1", email: "admin@example.com", name: "Ada", role: "admin" };
const integrator: CurrentStaff = { id: "i1", email: "integrator@example.com", name: "Ida", role: "integrator" };
const input: TWebhookEndpointInput = {
  url: "https://hooks.example.com/in",
  kind: "generic",
  description: "",
  eventTypes: [],
  environments: [],
};
const audited = (action: string) => db.auditEvent.findMany({ where: { action } });

describe(`managing webhook endpoints on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("admins manage endpoints and every change is audited; integrators may only look", async () => {
    const { endpoint, secret } = await create({
      staff: admin,
      input: { ...input, eventTypes: ["merchant.state_changed"] },
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await update({ staff: admin, endpointId: endpoint.id, input: { enabled: false } });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      enabled: false,
      disabledReason: "Disabled by admin@example.com.",
    });
    await update({ staff: admin, endpointId: endpoint.id, input: { enabled: true } });
    await rotate({ staff: admin, endpointId: endpoint.id, overlapHours: 1 });
    expect((await audited("webhook.endpoint_created"))[0]).toMatchObject({ actorId: "a1" });
    expect(await audited("webhook.endpoint_disabled")).toHaveLength(1);
    expect(await audited("webhook.endpoint_enabled")).toHaveLength(1);
    expect(await audited("webhook.secret_rotated")).toHaveLength(1);
    // The audit trail never holds the secret.
    const trail = JSON.stringify(await db.auditEvent.findMany());
    expect(trail).not.toContain(secret.slice(6));

    expect((await list(integrator)).map((row) => row.id)).toContain(endpoint.id);
    expect(JSON.stringify(await list(integrator))).not.toMatch(/secretCiphertext|v1\./);
    await expect(create({ staff: integrator, input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      update({ staff: integrator, endpointId: endpoint.id, input: { enabled: false } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(rotate({ staff: integrator, endpointId: endpoint.id, overlapHours: 0 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(replay({ staff: integrator, endpointId: endpoint.id, since: new Date(0) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(list({ ...integrator, role: "support" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a change names only what it changes: disabling and enabling keep the kind, events and environments", async () => {
    const { endpoint } = await create({
      staff: admin,
      input: {
        ...input,
        kind: "slack",
        description: "#support",
        eventTypes: ["merchant.state_changed"],
        environments: ["production"],
      },
    });
    const kept = {
      kind: "slack",
      description: "#support",
      eventTypes: "merchant.state_changed",
      environments: "production",
    };
    // As the route reads the body of the Disable and Enable buttons.
    for (const enabled of [false, true]) {
      const body = ZWebhookEndpointUpdateSchema.parse({ enabled });
      expect(body).toEqual({ enabled });
      await update({ staff: admin, endpointId: endpoint.id, input: body });
      expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
        ...kept,
        enabled,
      });
    }
  });

  it("refuses URLs a delivery would refuse, when they are saved", async () => {
    for (const url of ["http://hooks.example.com/in", "https://127.0.0.1/in", "https://169.254.169.254/latest"]) {
      await expect(create({ staff: admin, input: { ...input, url } })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { url: [expect.stringMatching(/Not allowed/)] },
      });
    }
  });

  it("replays one message, or everything since a time — also events from before the endpoint existed", async () => {
    const merchantId = await storeMerchant(db, "Replay ApS");
    const before = new Date(Date.now() - 60_000);
    await db.$transaction(async (tx) =>
      record(tx, [{ type: "merchant.unlinked", environment: "sandbox", merchant: { id: merchantId } }], before),
    );
    await fanOut(db, new Date());
    const { endpoint } = await create({ staff: admin, input });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);

    expect(await replay({ staff: admin, endpointId: endpoint.id, since: new Date(before.getTime() - 1) })).toEqual({
      replayed: 1,
    });
    const [delivery] = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(delivery).toMatchObject({ status: "pending", attempts: 0, merchantId });

    await db.webhookDelivery.update({ where: { id: delivery!.id }, data: { status: "failed", attempts: 8 } });
    await replay({ staff: admin, endpointId: endpoint.id, deliveryId: delivery!.id });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect((await audited("webhook.replayed")).map((event) => JSON.parse(event.details))).toEqual([
      expect.objectContaining({ endpointId: endpoint.id, messages: 1, since: expect.any(String) }),
      expect.objectContaining({ endpointId: endpoint.id, messages: 1, deliveryId: delivery!.id }),
    ]);
  });
});
