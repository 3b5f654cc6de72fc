import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";

import { withApiTestDatabase } from "@/lib/api/testing/api-test-database";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import type { LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";
import { ANNA, BO } from "../../sandbox/test/support/test-sandbox";

import type * as ProxyRoute from "@/app/api/v1/merchants/[merchantId]/proxy/[product]/[...path]/route";
import type * as CreateApiKey from "@/lib/api-keys/create-api-key";

/** The proxy route as Next calls it, against the test sandbox, whose request log shows what reached it. */
let db: Database;
let harness: LifecycleHarness;
let createApiKey: typeof CreateApiKey.createApiKey;
let proxyRoute: typeof ProxyRoute;
let merchantId: string;

withApiTestDatabase(async (client, started) => {
  db = client;
  harness = started;
  ({ createApiKey } = await import("@/lib/api-keys/create-api-key"));
  proxyRoute = await import("@/app/api/v1/merchants/[merchantId]/proxy/[product]/[...path]/route");
  merchantId = await harness.linkMerchant({
    email: ANNA.email,
    password: ANNA.password,
    vat: ANNA.danishMerchant.vat,
  });
});

const admin: CurrentStaff = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" };

type LoggedRequest = {
  method: string;
  path: string;
  query: string;
  correlationId: string | null;
  contentType: string | null;
};

async function sandboxRequests(): Promise<LoggedRequest[]> {
  return (await harness.control.json<{ requests: LoggedRequest[] }>("GET", "/control/api-requests")).requests;
}

beforeEach(async () => {
  await harness.control.call("DELETE", "/control/api-requests");
});

async function newKey(scopes: ApiKeyScope[] = ["proxy:invoice", "proxy:subscriptions"], environments = ["sandbox"]) {
  return (
    await createApiKey({
      input: { name: "Billing", environments, scopes, expiresOn: null, returnUrlOrigins: [] },
      staff: admin,
    })
  ).secret;
}

function proxy(
  secret: string,
  target: {
    merchant?: string;
    product?: string;
    path: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
  },
) {
  const merchant = target.merchant ?? merchantId;
  const product = target.product ?? "invoice";
  const request = new NextRequest(
    `http://localhost:3000/api/v1/merchants/${merchant}/proxy/${product}/${target.path}`,
    {
      method: target.method ?? "GET",
      headers: { authorization: `Bearer ${secret}`, ...target.headers },
      body: target.body,
    },
  );
  const segments = request.nextUrl.pathname.split("/").slice(7);
  const handler = proxyRoute[(target.method ?? "GET") as "GET" | "POST" | "PUT" | "PATCH" | "DELETE"];
  return handler(request, { params: Promise.resolve({ merchantId: merchant, product, path: segments }) });
}

describe(`the proxy, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("calls MobilePay with the merchant's token and a CorrelationId, and records the call masked", async () => {
    const secret = await newKey();
    const answer = await proxy(secret, { path: "api/v1/merchants/me", headers: { cookie: "session=abc" } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ MerchantId: ANNA.danishMerchant.id });
    const correlationId = answer.headers.get("correlationid");
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get("set-cookie")).toBeNull();
    const sent = await sandboxRequests();
    expect(sent).toEqual([
      expect.objectContaining({ method: "GET", path: "/invoice-restapi/api/v1/merchants/me", correlationId }),
    ]);
    await expect.poll(() => db.sampleCall.count({ where: { merchantId, operation: "proxy.invoice" } })).toBe(1);
    const call = await db.sampleCall.findFirstOrThrow({ where: { merchantId, operation: "proxy.invoice" } });
    expect(call).toMatchObject({ method: "GET", responseStatus: 200, outcome: "success", correlationId });
    expect(call.staffLabel).toBe('API key "Billing"');
    expect(JSON.parse(call.requestHeaders)).toMatchObject({ authorization: "Bearer ••••" });
    expect(call.requestHeaders).not.toContain("session=abc");
  });

  it("records every call of a burst in a masked row of its own, and a stopping instance waits for them", async () => {
    const secret = await newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => proxy(secret, { path: "api/v1/merchants/me" })));
    const correlationIds = await Promise.all(
      answers.map(async (answer) => {
        await answer.text();
        return answer.headers.get("correlationid")!;
      }),
    );
    const { waitForProxyCallRecords } = await import("./record-proxy-call");
    await waitForProxyCallRecords();
    const calls = await db.sampleCall.findMany({ where: { correlationId: { in: correlationIds } } });
    expect(calls.map((call) => call.correlationId).sort()).toEqual([...correlationIds].sort());
    for (const call of calls) {
      expect(call).toMatchObject({ merchantId, responseStatus: 200, outcome: "success", method: "GET" });
      expect(JSON.parse(call.requestHeaders)).toMatchObject({ authorization: "Bearer ••••" });
    }
    const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const latest = Math.max(...calls.map((call) => call.createdAt.getTime()));
    expect(merchant.lastActivityAt.getTime()).toBeGreaterThanOrEqual(latest);
  });

  it("sends each call with its own merchant's token over the shared connections, in a row and at once", async () => {
    const secret = await newKey();
    const finnish = await harness.linkMerchant({
      email: ANNA.email,
      password: ANNA.password,
      vat: ANNA.finnishMerchant.vat,
    });
    const expected = new Map([
      [merchantId, ANNA.danishMerchant.id],
      [finnish, ANNA.finnishMerchant.id],
    ]);
    const order = [merchantId, finnish, finnish, merchantId, finnish, merchantId];
    const whoAnswered = async (merchant: string) =>
      ((await (await proxy(secret, { merchant, path: "api/v1/merchants/me" })).json()) as { MerchantId: string })
        .MerchantId;
    for (const merchant of order) expect(await whoAnswered(merchant)).toBe(expected.get(merchant));
    const atOnce = await Promise.all(order.map(whoAnswered));
    expect(atOnce).toEqual(order.map((merchant) => expected.get(merchant)));
  });

  it("keeps the backend's method, body, content type and CorrelationId, and returns MobilePay's error as it came", async () => {
    const secret = await newKey();
    const answer = await proxy(secret, {
      method: "POST",
      path: `api/v1/merchants/${ANNA.danishMerchant.id}/invoices`,
      body: JSON.stringify({ InvoiceIssuer: "not-a-uuid" }),
      headers: { "content-type": "application/json", correlationid: "0f8fad5b-d9cb-469f-a165-70867728950e" },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(await answer.json()).toMatchObject({ error: "InputError" });
    expect(await sandboxRequests()).toEqual([
      expect.objectContaining({
        method: "POST",
        contentType: "application/json",
        correlationId: "0f8fad5b-d9cb-469f-a165-70867728950e",
      }),
    ]);
  });

  it("refuses path tricks, other hosts, oversize bodies, missing scopes and foreign environments with nothing sent", async () => {
    const secret = await newKey(["proxy:invoice"]);
    const production = await storeMerchant(db, "Live ApS", {
      merchant: { environment: "production" },
      tokenSet: { grantedScopes: "invoice", accessTokenExpiresAt: new Date(Date.now() + 300_000) },
    });
    const tricks = [
      "api/%2e%2e/%2e%2e/control/state",
      "api/v1%2F..%2F..%2Fcontrol%2Fstate",
      "api/v1/..%5c..%5ccontrol",
      "https:/evil.example/api",
      "api//evil.example",
      "control/state",
      "api/v1/merchants/me%00",
    ];
    for (const path of tricks) {
      const answer = await proxy(secret, { path });
      expect(answer.status, path).toBe(400);
      expect(await answer.json()).toMatchObject({ type: "/api/v1/problems/path-refused" });
    }
    const oversize = await proxy(secret, {
      method: "POST",
      path: `api/v1/merchants/${ANNA.danishMerchant.id}/invoices`,
      body: "x".repeat(1_000_001),
      headers: { "content-type": "application/json" },
    });
    expect(oversize.status).toBe(413);
    expect((await proxy(secret, { product: "subscriptions", path: "api/merchants/me" })).status).toBe(403);
    expect((await proxy(secret, { product: "transactionreporting", path: "api/v1/x" })).status).toBe(404);
    expect((await proxy(secret, { merchant: production, path: "api/v1/merchants/me" })).status).toBe(404);
    expect(await sandboxRequests()).toEqual([]);
  });

  it("refreshes once and retries once when MobilePay refuses the token with 401", async () => {
    const secret = await newKey();
    const { mobilePayId } = await db.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    await harness.control.json("POST", `/control/merchants/${mobilePayId}/expire-access-tokens`);
    const before = await harness.refreshesServed();
    const answer = await proxy(secret, { path: "api/v1/merchants/me" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ MerchantId: ANNA.danishMerchant.id });
    expect(await harness.refreshesServed()).toBe(before + 1);
    const sent = await sandboxRequests();
    expect(sent).toHaveLength(2);
    expect(sent[0]!.correlationId).toBe(sent[1]!.correlationId);
    await expect
      .poll(async () => (await db.sampleCall.findFirst({ where: { merchantId, refreshed: true } }))?.responseStatus)
      .toBe(200);
  });

  it("answers relink-needed, not a failure of its own, when the refresh after a 401 is refused", async () => {
    const secret = await newKey();
    const revokedId = await harness.linkMerchant({ email: BO.email, password: BO.password, vat: BO.merchant.vat });
    const { mobilePayId } = await db.merchant.findUniqueOrThrow({ where: { id: revokedId } });
    await harness.control.json("POST", "/control/grants/revoke", { merchantId: BO.merchant.id });
    await harness.control.json("POST", `/control/merchants/${mobilePayId}/expire-access-tokens`);
    const answer = await proxy(secret, { merchant: revokedId, path: "api/v1/merchants/me" });
    expect(answer.status).toBe(409);
    const problem = (await answer.json()) as { type: string; reason?: string };
    expect(problem.type).toBe("/api/v1/problems/relink-needed");
    expect(problem.reason).toBeTruthy();
    expect(await sandboxRequests()).toHaveLength(1);
    const { failureKind } = await db.merchantTokenSet.findUniqueOrThrow({ where: { merchantId: revokedId } });
    expect(failureKind).toBe("terminal");
  });
});
