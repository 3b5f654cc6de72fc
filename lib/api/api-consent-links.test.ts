import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { withApiTestDatabase } from "@/lib/api/testing/api-test-database";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";

import type * as ConsentLinkRoute from "@/app/api/v1/consent-links/[consentLinkId]/route";
import type * as ConsentLinksRoute from "@/app/api/v1/consent-links/route";
import type * as ConsentLinkReturn from "@/lib/api/consent-link-return";
import type * as CreateApiKey from "@/lib/api-keys/create-api-key";

let db: Database;
let createApiKey: typeof CreateApiKey.createApiKey;
let createRoute: typeof ConsentLinksRoute;
let readRoute: typeof ConsentLinkRoute;
let readConsentLinkReturn: typeof ConsentLinkReturn.readConsentLinkReturn;

withApiTestDatabase(async (client) => {
  db = client;
  ({ createApiKey } = await import("@/lib/api-keys/create-api-key"));
  createRoute = await import("@/app/api/v1/consent-links/route");
  readRoute = await import("@/app/api/v1/consent-links/[consentLinkId]/route");
  ({ readConsentLinkReturn } = await import("@/lib/api/consent-link-return"));
});

const admin: CurrentStaff = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" };

async function newKey(scopes: ApiKeyScope[] = ["consent-links:write"]) {
  const created = await createApiKey({
    input: {
      name: "Onboarding",
      environments: ["sandbox"],
      scopes,
      expiresOn: null,
      returnUrlOrigins: ["https://onboarding.example"],
    },
    staff: admin,
  });
  return created.secret;
}

function create(secret: string, body: Record<string, unknown>) {
  return createRoute.POST(
    new NextRequest("http://localhost:3000/api/v1/consent-links", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({} as Record<string, never>) },
  );
}

function read(secret: string, consentLinkId: string) {
  return readRoute.GET(
    new NextRequest(`http://localhost:3000/api/v1/consent-links/${consentLinkId}`, {
      headers: { authorization: `Bearer ${secret}` },
    }),
    { params: Promise.resolve({ consentLinkId }) },
  );
}

const LINK = { merchant_name: "Bager Hansen", vat_number: "DK12345678", products: ["invoice"], environment: "sandbox" };

describe(`consent links through the API, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("creates a single-use consent link and follows it to consented", async () => {
    const secret = await newKey();
    const answer = await create(secret, { ...LINK, return_url: "https://onboarding.example/done?ref=42" });
    expect(answer.status).toBe(201);
    const created = (await answer.json()) as { id: string; url: string; state: string; return_url: string };
    expect(created).toMatchObject({ state: "created", return_url: "https://onboarding.example/done?ref=42" });
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/link\/[A-Za-z0-9_-]{43}$/);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(stored)).not.toContain(created.url.split("/").at(-1));

    const followed = (await (await read(secret, created.id)).json()) as { state: string; url: string | null };
    expect(followed).toMatchObject({ state: "created", url: null });
    const merchant = await db.merchant.create({
      data: { environment: "sandbox", vatNumber: "DK12345678", name: "Bager Hansen", products: "invoice" },
    });
    await db.invitation.update({ where: { id: created.id }, data: { status: "consented", merchantId: merchant.id } });
    expect(await (await read(secret, created.id)).json()).toMatchObject({
      state: "consented",
      merchant_id: merchant.id,
    });
    await db.invitation.update({
      where: { id: created.id },
      data: { status: "created", merchantId: null, expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await (await read(secret, created.id)).json()).toMatchObject({ state: "expired" });
  });

  it("refuses a return URL off the key's list, an environment the key lacks, and a missing scope", async () => {
    const secret = await newKey();
    const offList = await create(secret, { ...LINK, return_url: "https://evil.example/done" });
    expect(offList.status).toBe(422);
    expect(await offList.json()).toMatchObject({ errors: { return_url: [expect.any(String)] } });
    const foreign = await create(secret, { ...LINK, environment: "production" });
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ errors: { environment: [expect.any(String)] } });
    const badVat = await create(secret, { ...LINK, vat_number: "SE123" });
    expect(badVat.status).toBe(422);
    const readOnly = await newKey(["merchants:read"]);
    expect((await create(readOnly, LINK)).status).toBe(403);
    expect(await db.apiConsentLink.count()).toBe(1);
  });

  it("shows a consent link only to the key that created it", async () => {
    const owner = await newKey();
    const other = await newKey();
    const created = (await (await create(owner, LINK)).json()) as { id: string };
    const answer = await read(other, created.id);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ type: "/api/v1/problems/consent-link-not-found" });
  });

  it("sends the merchant back to exactly the stored return URL once the link has ended, with its outcome", async () => {
    const secret = await newKey();
    const returnUrl = "https://onboarding.example/done?ref=42&status=forged#step-3";
    const created = (await (await create(secret, { ...LINK, return_url: returnUrl })).json()) as { id: string };
    // Not ended yet: nothing to go back with.
    expect(await readConsentLinkReturn(created.id, db)).toBeNull();

    await db.invitation.update({ where: { id: created.id }, data: { status: "failed" } });
    await db.callbackRecord.create({
      data: {
        invitationId: created.id,
        environment: "sandbox",
        outcome: "failed",
        failedCheck: "authorization_error",
        checks: JSON.stringify([{ name: "authorization_error", passed: false, detail: "access_denied" }]),
      },
    });
    const failed = await readConsentLinkReturn(created.id, db);
    expect(failed).toMatchObject({ status: "failed", host: "onboarding.example" });
    const failedUrl = new URL(failed!.url);
    expect(failedUrl.origin + failedUrl.pathname + failedUrl.hash).toBe("https://onboarding.example/done#step-3");
    expect(Object.fromEntries(failedUrl.searchParams)).toEqual({
      ref: "42",
      status: "failed",
      consent_link_id: created.id,
      error: "access_denied",
    });

    await db.invitation.update({ where: { id: created.id }, data: { status: "consented" } });
    const consented = new URL((await readConsentLinkReturn(created.id, db))!.url);
    expect(Object.fromEntries(consented.searchParams)).toEqual({
      ref: "42",
      status: "consented",
      consent_link_id: created.id,
    });
    expect(consented.href).not.toMatch(/token|secret/i);
  });

  it("re-checks the return URL against its key's list when the merchant comes back", async () => {
    const secret = await newKey();
    const created = (await (
      await create(secret, { ...LINK, return_url: "https://onboarding.example/done" })
    ).json()) as { id: string };
    await db.invitation.update({ where: { id: created.id }, data: { status: "consented" } });
    expect(await readConsentLinkReturn(created.id, db)).not.toBeNull();
    const { apiKeyId } = await db.apiConsentLink.findUniqueOrThrow({ where: { invitationId: created.id } });
    await db.apiKey.update({ where: { id: apiKeyId }, data: { returnUrlOrigins: "https://other.example" } });
    expect(await readConsentLinkReturn(created.id, db)).toBeNull();
  });

  it("has no return for a link without a return URL or one staff made", async () => {
    const secret = await newKey();
    const created = (await (await create(secret, LINK)).json()) as { id: string };
    await db.invitation.update({ where: { id: created.id }, data: { status: "consented" } });
    expect(await readConsentLinkReturn(created.id, db)).toBeNull();
    expect(await readConsentLinkReturn("no-such-link", db)).toBeNull();
  });
});
