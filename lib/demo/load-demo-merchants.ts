import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { sendSandboxControl } from "@/lib/demo/sandbox-control";
import { ScriptedBrowser } from "@/lib/demo/scripted-browser";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createInvitation } from "@/lib/links/create-invitation";
import { unlinkMerchant } from "@/lib/links/unlink-merchant";
import { refreshNow } from "@/lib/tokens/refresh-now";

const SANDBOX = "sandbox";
/** The built-in sandbox's seeded portal users share this password (see the sandbox's login page). */
const PORTAL_PASSWORD = "sandbox-demo";

type DemoState = "active" | "degraded" | "relink_needed" | "unlinked";

/** The built-in sandbox's seeded merchants, and the state each one is left in for the story. */
const DEMO_MERCHANTS: { name: string; vatNumber: string; portalUser: string; leaveAs: DemoState }[] = [
  { name: "Annas Bageri ApS", vatNumber: "DK12345678", portalUser: "anna@sandbox.test", leaveAs: "active" },
  { name: "Bos Cykler ApS", vatNumber: "DK87654321", portalUser: "bo@sandbox.test", leaveAs: "degraded" },
  { name: "Mikon Sauna Oy", vatNumber: "FI87654321", portalUser: "mikko@sandbox.test", leaveAs: "relink_needed" },
  { name: "Annan Leipomo Oy", vatNumber: "FI12345678", portalUser: "anna@sandbox.test", leaveAs: "unlinked" },
];

/** A merchant who opened the link and never came back, so the console has a quiet invitation to show. */
const QUIET_INVITATION = { merchantName: "Fynsk Kaffe A/S", vatNumber: "DK31415926" };

/**
 * What a merchant does with a consent link, done by a scripted browser: the console's consent page, "Continue
 * to MobilePay", the sandbox's login and consent, and the form_post back to the console's callback.
 */
async function consentThroughTheRealFlow(linkUrl: string, portalUser: string): Promise<void> {
  const browser = new ScriptedBrowser();
  const consoleOrigin = new URL(linkUrl).origin;
  const token = new URL(linkUrl).pathname.split("/").pop() ?? "";
  await browser.request(linkUrl);
  const started = await browser.request(`${consoleOrigin}/api/link/${encodeURIComponent(token)}/start`, {
    method: "POST",
    body: "{}",
    contentType: "application/json",
    headers: { "sec-fetch-site": "same-origin" },
  });
  if (started.status !== 200) throw new Error(`the consent link did not start (HTTP ${started.status})`);
  const csrf = JSON.parse((await browser.request(`${consoleOrigin}/api/auth/csrf`)).html) as { csrfToken: string };
  const signIn = await browser.request(`${consoleOrigin}/api/auth/signin/mobilepay-sandbox`, {
    method: "POST",
    body: new URLSearchParams({
      csrfToken: csrf.csrfToken,
      callbackUrl: `${consoleOrigin}/link/complete?outcome=linked`,
      json: "true",
    }).toString(),
  });
  const authorizationUrl = (JSON.parse(signIn.html) as { url?: string }).url;
  if (!authorizationUrl || new URL(authorizationUrl).origin === consoleOrigin) {
    throw new Error("the console did not send the merchant to MobilePay");
  }
  let page = await browser.request(authorizationUrl);
  if (formsEndingWith(page, "/login")) {
    page = await browser.submit(page, "/login", { email: portalUser, password: PORTAL_PASSWORD });
  }
  if (formsEndingWith(page, "/consent")) page = await browser.submit(page, "/consent");
  const done = await browser.submit(page, "/api/auth/callback/mobilepay-sandbox");
  if (!done.url.includes("outcome=linked")) throw new Error("the consent was not accepted");
}

function formsEndingWith(page: { html: string }, ending: string): boolean {
  return new RegExp(`action="[^"]*${ending.replace(/\//g, "\\/")}"`).test(page.html);
}

async function merchantIdOf(vatNumber: string): Promise<string> {
  const merchant = await getDb().merchant.findFirst({
    where: { environment: SANDBOX, vatNumber },
    orderBy: { lastActivityAt: "desc" },
  });
  if (!merchant) throw new Error(`no merchant stored for ${vatNumber}`);
  return merchant.id;
}

/** Drives a linked merchant into the state the story needs, through the sandbox's switches and real refreshes. */
async function leaveAs(merchantId: string, state: DemoState, staff: CurrentStaff): Promise<void> {
  if (state === "active") return;
  if (state === "unlinked") {
    await unlinkMerchant({ merchantId, staff });
    return;
  }
  const mode = state === "degraded" ? "server-error" : "invalid-grant";
  await sendSandboxControl({ method: "POST", path: "/control/token-endpoint/fault", body: { mode, count: 1 } });
  try {
    await refreshNow({ merchantId, staff });
  } catch (error) {
    // The refused refresh is the point: it leaves the link degraded or needing a relink.
    if (!(error instanceof AppError)) throw error;
  } finally {
    await sendSandboxControl({ method: "DELETE", path: "/control/token-endpoint/fault" });
  }
}

/**
 * A console full of merchants in every state the story needs, made the way real ones are: each of the built-in
 * sandbox's merchants consents through the console's consent link, then the sandbox's switches and real
 * refreshes leave them active, degraded, needing a relink or unlinked; one more link is opened and left quiet.
 * Loading again relinks the same merchants, so it can be run before every demo.
 */
export async function loadDemoMerchants(staff: CurrentStaff): Promise<{ linked: number }> {
  await sendSandboxControl({ method: "POST", path: "/control/reset" });
  for (const demo of DEMO_MERCHANTS) {
    const { url } = await createInvitation({
      staff,
      input: {
        merchantName: demo.name,
        vatNumber: demo.vatNumber,
        products: ["invoice", "subscriptions"],
        environment: SANDBOX,
      },
    });
    await consentThroughTheRealFlow(url, demo.portalUser);
    await leaveAs(await merchantIdOf(demo.vatNumber), demo.leaveAs, staff);
  }
  const quiet = await createInvitation({
    staff,
    input: { ...QUIET_INVITATION, products: ["invoice"], environment: SANDBOX },
  });
  await new ScriptedBrowser().request(quiet.url);
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "demo.loaded",
    environment: SANDBOX,
    details: { merchants: DEMO_MERCHANTS.map((demo) => demo.name), consoleUrl: getEnv().NEXTAUTH_URL },
  });
  return { linked: DEMO_MERCHANTS.length };
}

/**
 * Back to a clean stage: the sandbox's switches reset and every merchant of the built-in sandbox unlinked (its
 * consent revoked at the sandbox), so the next "Load demo merchants" starts from the same place.
 */
export async function resetDemo(staff: CurrentStaff): Promise<{ unlinked: number }> {
  await sendSandboxControl({ method: "POST", path: "/control/reset" });
  const linked = await getDb().merchant.findMany({
    where: { environment: SANDBOX, tokenSet: { isNot: null } },
    select: { id: true },
  });
  for (const merchant of linked) await unlinkMerchant({ merchantId: merchant.id, staff });
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "demo.reset",
    environment: SANDBOX,
    details: { unlinked: linked.length },
  });
  return { unlinked: linked.length };
}
