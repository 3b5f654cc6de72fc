import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ANNA } from "../../sandbox/test/support/test-sandbox";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { callbackCredentialsFor } from "@/lib/calls/callback-credentials";
import type { receiveCallback } from "@/lib/calls/receive-callback";
import type { runSampleCall } from "@/lib/calls/run-sample-call";
import type { getDb } from "@/lib/db/client";
import { startLifecycleHarness, type LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";

const INTEGRATOR: CurrentStaff = { id: "staff-1", email: "integrator@example.com", name: "Ivan", role: "integrator" };

let harness: LifecycleHarness;
let calls: {
  runSampleCall: typeof runSampleCall;
  receiveCallback: typeof receiveCallback;
  callbackCredentialsFor: typeof callbackCredentialsFor;
  getDb: typeof getDb;
};
let merchantId: string;

beforeAll(async () => {
  harness = await startLifecycleHarness();
  // Imported after the harness has set the environment the console reads.
  calls = {
    ...(await import("@/lib/calls/run-sample-call")),
    ...(await import("@/lib/calls/receive-callback")),
    ...(await import("@/lib/calls/callback-credentials")),
    ...(await import("@/lib/db/client")),
  };
  merchantId = await harness.linkMerchant({
    email: ANNA.email,
    password: ANNA.password,
    vat: ANNA.finnishMerchant.vat,
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe("running a sample call", () => {
  it("stores the masked exchange and writes call.<operation> to the merchant's audit trail", async () => {
    const result = await calls.runSampleCall({
      merchantId,
      staff: INTEGRATOR,
      operationId: "invoice.merchant-info",
      values: {},
    });
    expect(result.call).toMatchObject({ outcome: "success", responseStatus: 200, refreshed: false });
    expect(result.call.highlights).toEqual([{ label: "Merchant id", value: ANNA.finnishMerchant.id }]);
    const row = await calls.getDb().sampleCall.findUniqueOrThrow({ where: { id: result.call.id } });
    expect(row.requestHeaders).toMatch(/"Authorization":"Bearer •••• \(sha256:[0-9a-f]{12}, \d+ chars\)"/);
    expect(JSON.stringify(row)).not.toContain("eyJ");
    const audit = await calls.getDb().auditEvent.findFirstOrThrow({
      where: { merchantId, action: "call.invoice.merchant-info" },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ sampleCallId: row.id, status: 200, refreshed: false });
  });

  it("refreshes once and retries when MobilePay answers 401", async () => {
    await harness.control.json("POST", `/control/merchants/${ANNA.finnishMerchant.id}/expire-access-tokens`);
    const before = await harness.refreshesServed();
    const result = await calls.runSampleCall({
      merchantId,
      staff: INTEGRATOR,
      operationId: "subscriptions.merchant-info",
      values: {},
    });
    expect(result).toMatchObject({ retriedAfter401: true, call: { refreshed: true, responseStatus: 200 } });
    expect(await harness.refreshesServed()).toBe(before + 1);
  });

  it("reports MobilePay's validation error with code, message and correlation id", async () => {
    const result = await calls.runSampleCall({
      merchantId,
      staff: INTEGRATOR,
      operationId: "invoice.create-direct",
      values: {
        invoiceIssuer: "e5f47b25-73d9-4f11-a1d1-cf7ba7b971c1",
        consumerPhone: "+4511111111",
        invoiceNumber: "INV-unknown-user",
        totalAmount: "10.00",
        dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        articleDescription: "Bread",
      },
    });
    expect(result.call).toMatchObject({
      outcome: "api-error",
      responseStatus: 409,
      errorCode: "10101",
      errorMessage: "User not found",
    });
    expect(result.call.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await calls.runSampleCall({
      merchantId,
      staff: INTEGRATOR,
      operationId: "invoice.cancel",
      values: { invoiceId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(missing).toMatchObject({ errorKind: "not-found", call: { outcome: "api-error", responseStatus: 404 } });
  });

  it("stops invalid input before MobilePay, with field errors", async () => {
    const count = await calls.getDb().sampleCall.count({ where: { merchantId } });
    await expect(
      calls.runSampleCall({ merchantId, staff: INTEGRATOR, operationId: "invoice.get", values: { invoiceId: "nope" } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { invoiceId: ["Enter the invoice id (a GUID)"] } });
    expect(await calls.getDb().sampleCall.count({ where: { merchantId } })).toBe(count);
  });

  it("says the link lacks Subscriptions consent instead of calling and getting a raw error", async () => {
    await calls.getDb().merchantTokenSet.update({
      where: { merchantId },
      data: { grantedScopes: "openid offline_access invoice" },
    });
    try {
      await expect(
        calls.runSampleCall({ merchantId, staff: INTEGRATOR, operationId: "subscriptions.merchant-info", values: {} }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        userMessage: "This link has no Subscriptions consent — relink with Subscriptions.",
      });
    } finally {
      await calls.getDb().merchantTokenSet.update({
        where: { merchantId },
        data: { grantedScopes: "openid offline_access invoice subscriptions" },
      });
    }
  });
});

describe("receiving a callback", () => {
  const basic = (username: string, password: string) =>
    `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  it("ties a callback with the registered credentials to its merchant and timeline", async () => {
    const { username, password } = calls.callbackCredentialsFor("sandbox", merchantId);
    const body = JSON.stringify([{ InvoiceId: "i-1", Status: "Paid", Date: "2030-01-01T00:00:00Z", Sequence: 2 }]);
    expect(
      await calls.receiveCallback({
        environment: "sandbox",
        kind: "invoice",
        authorization: basic(username, password),
        bodyText: body,
        source: "198.51.100.10",
      }),
    ).toBe("verified");
    const stored = await calls
      .getDb()
      .receivedCallback.findFirstOrThrow({ where: { merchantId }, orderBy: { receivedAt: "desc" } });
    expect(stored).toMatchObject({ kind: "invoice", verified: true });
    expect(await calls.getDb().auditEvent.count({ where: { merchantId, action: "callback.invoice" } })).toBe(1);
  });

  it("keeps an empty or cut-off delivery from MobilePay as what it is: not verified, not a callback", async () => {
    const { username, password } = calls.callbackCredentialsFor("sandbox", merchantId);
    const auditBefore = await calls.getDb().auditEvent.count({ where: { merchantId, action: "callback.refund" } });
    const deliver = (bodyText: string, arrival?: { bytes: number; declaredBytes: number | null; brokenOff: boolean }) =>
      calls.receiveCallback({
        environment: "sandbox",
        kind: "refund",
        authorization: basic(username, password),
        bodyText,
        arrival,
        source: "198.51.100.12",
      });
    expect(await deliver("")).toBe("incomplete");
    expect(await deliver('[{"refund_id":"r-1",', { bytes: 20, declaredBytes: 64, brokenOff: false })).toBe(
      "incomplete",
    );
    expect(await deliver('[{"refund_id":"r-1"', { bytes: 19, declaredBytes: null, brokenOff: true })).toBe(
      "incomplete",
    );
    const stored = await calls.getDb().receivedCallback.findMany({
      where: { merchantId, kind: "refund" },
      orderBy: { receivedAt: "asc" },
    });
    expect(stored.map((row) => row.verified)).toEqual([false, false, false]);
    expect(stored.map((row) => row.verificationDetail)).toEqual([
      "The delivery had an empty body: nothing to record.",
      "The delivery was cut off after 20 of 64 bytes; MobilePay delivers it again.",
      "The delivery was cut off after 19 of an unknown number of bytes; MobilePay delivers it again.",
    ]);
    const { listSampleCalls } = await import("@/lib/calls/list-sample-calls");
    const shown = (await listSampleCalls(merchantId)).callbacks.filter((callback) => callback.kind === "refund");
    expect(shown.map((callback) => [callback.status, callback.summary])).toEqual(
      expect.arrayContaining([
        ["incomplete", "Empty body"],
        ["incomplete", "Cut off after 20 of 64 bytes"],
      ]),
    );
    expect(await calls.getDb().auditEvent.count({ where: { merchantId, action: "callback.refund" } })).toBe(
      auditBefore,
    );
  });

  it("keeps a callback with wrong credentials unverified and away from the merchant", async () => {
    const result = await calls.receiveCallback({
      environment: "sandbox",
      kind: "agreement",
      authorization: basic(merchantId, "guessed"),
      bodyText: "{}",
      source: "198.51.100.11",
    });
    expect(result).toBe("unverified");
    expect(await calls.getDb().receivedCallback.count({ where: { merchantId, kind: "agreement" } })).toBe(0);
    await expect(
      calls.receiveCallback({
        environment: "nowhere",
        kind: "invoice",
        authorization: null,
        bodyText: "{}",
        source: "198.51.100.11",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  /** Each test sends at its own later minute, so the per-minute windows of one test never see another's rows. */
  const minute = (index: number) => new Date(Date.UTC(2031, 0, 1, 0, index * 10));
  const unverified = (source: string, now: Date, bodyText = "{}") =>
    calls.receiveCallback({ environment: "sandbox", kind: "payment", authorization: null, bodyText, source, now });
  const storedAt = (now: Date) => calls.getDb().receivedCallback.count({ where: { verified: false, receivedAt: now } });

  it("stores at most the per-sender allowance of unverified callbacks a minute, and counts the rest", async () => {
    const now = minute(1);
    const { takeDroppedCallbackCounts } = await import("@/lib/calls/dropped-callback-counts");
    takeDroppedCallbackCounts();
    const receipts = [];
    for (let index = 0; index < 15; index += 1) receipts.push(await unverified("203.0.113.1", now));
    expect(receipts.filter((receipt) => receipt === "unverified")).toHaveLength(10);
    expect(receipts.slice(10)).toEqual(Array(5).fill("dropped"));
    expect(await storedAt(now)).toBe(10);
    expect(takeDroppedCallbackCounts()).toEqual({ rateLimited: 5, tooLarge: 0 });
    // Another sender still has its own allowance.
    expect(await unverified("203.0.113.2", now)).toBe("unverified");
  });

  it("stores at most the overall allowance a minute however many senders take part", async () => {
    const now = minute(2);
    const receipts = [];
    for (let index = 0; index < 40; index += 1) receipts.push(await unverified(`192.0.2.${index}`, now));
    expect(receipts.filter((receipt) => receipt === "unverified")).toHaveLength(30);
    expect(await storedAt(now)).toBe(30);
    // A minute later the allowance is back.
    expect(await unverified("192.0.2.200", new Date(now.getTime() + 60_000))).toBe("unverified");
  });

  it("holds the overall allowance for senders arriving all at once", async () => {
    const now = minute(3);
    const receipts = await Promise.all(Array.from({ length: 40 }, (_, index) => unverified(`192.0.2.${index}`, now)));
    expect(receipts.filter((receipt) => receipt === "unverified")).toHaveLength(30);
    expect(await storedAt(now)).toBe(30);
  });

  it("keeps only the start of a large unverified body, and all of a verified one", async () => {
    const now = minute(4);
    const large = JSON.stringify({ filler: "x".repeat(200_000) });
    expect(await unverified("203.0.113.3", now, large)).toBe("unverified");
    const kept = await calls.getDb().receivedCallback.findFirstOrThrow({ where: { verified: false, receivedAt: now } });
    expect(kept.body.length).toBeLessThan(4_100);
    expect(kept.body).toMatch(/^\{"filler":"x+… \[\d+ more characters not kept\]$/);

    const { username, password } = calls.callbackCredentialsFor("sandbox", merchantId);
    const receipt = await calls.receiveCallback({
      environment: "sandbox",
      kind: "payment",
      authorization: basic(username, password),
      bodyText: large,
      source: "203.0.113.3",
      now,
    });
    expect(receipt).toBe("verified");
    const verified = await calls
      .getDb()
      .receivedCallback.findFirstOrThrow({ where: { verified: true, receivedAt: now } });
    expect(verified.body).toBe(large);
  });

  it("never limits callbacks with the registered credentials", async () => {
    const now = minute(5);
    const { username, password } = calls.callbackCredentialsFor("sandbox", merchantId);
    for (let index = 0; index < 40; index += 1) await unverified("203.0.113.4", now);
    const receipts = [];
    for (let index = 0; index < 15; index += 1) {
      receipts.push(
        await calls.receiveCallback({
          environment: "sandbox",
          kind: "payment",
          authorization: basic(username, password),
          bodyText: "{}",
          source: "203.0.113.4",
          now,
        }),
      );
    }
    expect(receipts).toEqual(Array(15).fill("verified"));
  });
});
