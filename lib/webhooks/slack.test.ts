import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, describe, expect, it } from "vitest";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { createWebhookEndpoint } from "./create-webhook-endpoint";
import type { runDeliveryPass } from "./deliver-webhooks";
import { eventPayload } from "./event-payload";
import type { recordWebhookEvents, WebhookEventInput } from "./record-webhook-events";
import { slackMessage } from "./slack-message";

process.env.WEBHOOK_ALLOW_LOOPBACK = "true";

let db: Database;
let create: typeof createWebhookEndpoint;
let deliver: typeof runDeliveryPass;
let record: typeof recordWebhookEvents;

withConsoleDatabase(async (client) => {
  db = client;
  ({ createWebhookEndpoint: create } = await import("./create-webhook-endpoint"));
  ({ runDeliveryPass: deliver } = await import("./deliver-webhooks"));
  ({ recordWebhookEvents: record } = await import("./record-webhook-events"));
});

/** A fake Slack incoming webhook: accepts only a JSON body with a text, answers "ok" like Slack. */
const slackPosts: { text: string }[] = [];
const slack = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: unknown };
    if (request.headers["content-type"] !== "application/json" || typeof body.text !== "string") {
      response.writeHead(400).end("invalid_payload");
      return;
    }
    slackPosts.push({ text: body.text });
    response.writeHead(200).end("ok");
  });
});
const slackUrl = new Promise<string>((resolve) =>
  slack.listen(0, "127.0.0.1", () =>
    resolve(`http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T000/B000/XXXX`),
  ),
);
afterAll(() => new Promise<void>((resolve) => slack.close(() => resolve())));

const admin: CurrentStaff = { id: "a1", email: "admin@example.com", name: "Ada", role: "admin" };
const payload = (
  type: string,
  data: Record<string, unknown>,
  merchant = { id: "m1", vatNumber: "DK12345678", name: "Annas Bageri ApS" },
) =>
  eventPayload({
    id: "msg_1",
    type,
    occurredAt: new Date("2026-12-04T10:00:00Z"),
    environment: "sandbox",
    merchantId: merchant.id,
    merchantVat: merchant.vatNumber,
    merchantName: merchant.name,
    invitationId: null,
    data: JSON.stringify(data),
  });

describe("Slack endpoints", () => {
  it("say what happened in a sentence, with a link to the merchant in the console", () => {
    const url = "https://console.example.com";
    const relink = slackMessage(
      payload("merchant.state_changed", { from: "active", to: "relink_needed", oauthError: "invalid_grant" }),
      url,
    );
    expect(relink.text).toBe(
      "*Annas Bageri ApS* needs relinking: MobilePay refused the refresh token (invalid_grant) — <https://console.example.com/merchants/m1|open in the console>",
    );
    expect(slackMessage(payload("merchant.state_changed", { from: "active", to: "degraded" }), url).text).toMatch(
      /^\*Annas Bageri ApS\* is degraded: refreshes fail for a temporary reason and are retried — </,
    );
    expect(slackMessage(payload("merchant.recovered", { from: "degraded" }), url).text).toMatch(
      /^\*Annas Bageri ApS\* recovered: active again after being degraded/,
    );
    expect(
      slackMessage(payload("consent_link.failed", { failedCheck: "c_hash", reason: "c_hash mismatch" }), url).text,
    ).toMatch(/^A consent link for \*Annas Bageri ApS\* failed at the check c_hash: c_hash mismatch/);
    // Names cannot inject Slack markup (a link or a mention).
    const sneaky = slackMessage(
      payload("merchant.linked", {}, { id: "m2", vatNumber: "DK1", name: "<https://evil.example|Click> & <!channel>" }),
      url,
    );
    expect(sneaky.text).toMatch(/^\*&lt;https:\/\/evil.example\|Click&gt; &amp; &lt;!channel&gt;\* was linked/);
  });

  it("reach a Slack incoming webhook as readable messages through the delivery worker", async () => {
    await create({
      staff: admin,
      input: { url: await slackUrl, kind: "slack", description: "#support", eventTypes: [], environments: [] },
    });
    const merchantId = await storeMerchant(db, "Annas Bageri ApS");
    const events: WebhookEventInput[] = [
      {
        type: "merchant.state_changed",
        environment: "sandbox",
        merchant: { id: merchantId },
        data: { from: "active", to: "relink_needed", oauthError: "invalid_grant", failureKind: "terminal" },
      },
      {
        type: "merchant.recovered",
        environment: "sandbox",
        merchant: { id: merchantId },
        data: { from: "relink_needed" },
      },
    ];
    await db.$transaction(async (tx) => record(tx, events, new Date()));
    await deliver(db);
    await deliver(db);
    expect(slackPosts.map((post) => post.text)).toEqual([
      expect.stringMatching(
        /^\*Annas Bageri ApS\* needs relinking: MobilePay refused the refresh token \(invalid_grant\) — <http:\/\/localhost:3000\/merchants\/.+\|open in the console>$/,
      ),
      expect.stringMatching(/^\*Annas Bageri ApS\* recovered: active again after needing relinking/),
    ]);
    expect(await db.webhookDelivery.count({ where: { status: "delivered" } })).toBe(2);
  });
});
