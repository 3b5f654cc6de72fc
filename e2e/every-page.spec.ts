import type { Page, Response } from "@playwright/test";

import { scaled } from "../lib/testing/test-slowness";

import { expect, signInAs, test, type DemoRole } from "./fixtures/console-test";
import { linkAnnaWithACall } from "./fixtures/linked-merchant";
import {
  DESKTOP,
  expectColumnInSight,
  expectConsoleDates,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  PHONE,
} from "./fixtures/page-checks";
import { PORTAL_USERS } from "./fixtures/sandbox-control";

const anna = PORTAL_USERS.anna;

type Checked = {
  path: string;
  /** The page has rendered when this heading is visible. */
  heading: string | RegExp;
  /** Columns that must stay in sight: the main table's state column. */
  columns?: [table: string, column: string][];
  /** Text that appears only once the page's content loaded after the page itself is in. */
  loadedText?: string;
};

/** Every console page a role can open, with the state column of its main table. */
function consolePages(role: DemoRole, merchantId: string, endpoint: { id: string; url: string }): Checked[] {
  const may = (...roles: DemoRole[]) => roles.includes(role);
  return [
    { path: "/merchants", heading: "Merchants", columns: [["Merchants", "State"]] },
    { path: `/merchants/${merchantId}`, heading: anna.merchantName },
    {
      path: `/merchants/${merchantId}/calls`,
      heading: `Sample calls · ${anna.merchantName}`,
      columns: [["Sample call history", "Status"]],
    },
    { path: `/merchants/${merchantId}/token-handouts`, heading: `Token handouts · ${anna.merchantName}` },
    { path: "/audit", heading: "Audit log", columns: [["Audit events", "Outcome"]] },
    { path: "/diagnostics", heading: "Diagnostics" },
    { path: "/api-reference", heading: "API", loadedText: "/merchants/{merchantId}/access-token" },
    { path: "/second-factor", heading: "Second factor" },
    { path: "/merchants/link", heading: may("support") ? /do not have access/ : "Link a merchant" },
    ...(may("admin", "demo", "support") ? [{ path: "/api-keys", heading: "API keys" }] : []),
    ...(may("admin", "integrator")
      ? [
          { path: "/webhooks", heading: "Webhooks" },
          { path: `/webhooks/${endpoint.id}`, heading: endpoint.url },
        ]
      : []),
    ...(may("admin", "demo") ? [{ path: "/demo", heading: "Demo script" }] : []),
    ...(may("admin") ? [{ path: "/staff", heading: "Staff", columns: [["Staff", "Status"]] } as Checked] : []),
    { path: "/account", heading: "Account" },
  ];
}

async function checkPage(page: Page, checked: Checked): Promise<void> {
  // Anything the page loads besides itself (scripts, styles, the icon) must exist.
  const missing: string[] = [];
  const onResponse = (response: Response) => {
    if (response.status() === 404 && response.request().resourceType() !== "document") missing.push(response.url());
  };
  page.on("response", onResponse);
  await page.goto(checked.path);
  await expect(page.getByRole("heading", { level: 1, name: checked.heading })).toBeVisible();
  await page.waitForLoadState("load");
  if (checked.loadedText) await expect(page.getByText(checked.loadedText).first()).toBeVisible();
  page.off("response", onResponse);
  expect.soft(missing, `${checked.path} loads something that is not there`).toEqual([]);
  await expectConsoleDates(page);
  await expectNoSidewaysScroll(page);
  for (const [table, column] of checked.columns ?? []) await expectColumnInSight(page, table, column);
  await expectNoAxeViolations(page);
}

let merchantId: string;
let linkUrl: string;
/** An endpoint for its page, disabled at once: nothing is ever sent to it. */
const endpoint = { id: "", url: "http://127.0.0.1:9/every-page" };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(scaled(120_000));
  const page = await browser.newPage();
  ({ merchantId, linkUrl } = await linkAnnaWithACall(page));
  await signInAs(page, "admin");
  const headers = { origin: new URL(page.url()).origin };
  const created = await page.request.post("/api/webhooks", { headers, data: { url: endpoint.url } });
  expect(created.status()).toBe(200);
  endpoint.id = ((await created.json()) as { endpoint: { id: string } }).endpoint.id;
  const disabled = await page.request.patch(`/api/webhooks/${endpoint.id}`, { headers, data: { enabled: false } });
  expect(disabled.status()).toBe(200);
  await page.close();
});

for (const [size, viewport] of [
  ["390 px", PHONE],
  ["1440 px", DESKTOP],
] as const) {
  test.describe(`[LAYOUT] [A11Y] every page at ${size}`, () => {
    test.use({ viewport });

    for (const role of ["admin", "integrator", "support", "demo"] as const) {
      test(`[LAYOUT] [A11Y]: ${role} pages at ${size} fit the window, keep the state in sight and pass axe`, async ({
        page,
      }) => {
        const pages = consolePages(role, merchantId, endpoint);
        // Each page is loaded and run through axe: the time allowed grows with the number of pages.
        test.setTimeout(scaled(30_000 + 20_000 * pages.length));
        await signInAs(page, role);
        for (const checked of pages) {
          await test.step(checked.path, () => checkPage(page, checked));
        }
      });
    }

    test(`[LAYOUT] [A11Y]: sign-in, a merchant's consent page, a password reset link and the 404 page at ${size}`, async ({
      page,
    }) => {
      test.setTimeout(scaled(90_000));
      const pages: Checked[] = [
        { path: "/sign-in", heading: "MobilePay Link Console" },
        { path: new URL(linkUrl).pathname, heading: /Pending Phone ApS|Connect/ },
        { path: "/no-such-page", heading: "Page not found" },
        { path: "/link/complete?outcome=linked", heading: "You are connected" },
        { path: `/reset-password/${"A".repeat(43)}`, heading: "Set a new password" },
      ];
      for (const checked of pages) await test.step(checked.path, () => checkPage(page, checked));
    });

    test(`[SHELL]: pages at ${size} declare an icon that exists, and /favicon.ico answers it too`, async ({ page }) => {
      await page.goto("/sign-in");
      const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
      expect(href).toBeTruthy();
      for (const path of [href!, "/favicon.ico"]) {
        const icon = await page.request.get(path);
        expect(icon.status(), path).toBe(200);
        expect(icon.headers()["content-type"], path).toContain("image/svg+xml");
      }
    });

    test(`[LAYOUT]: the navigation at ${size} ${viewport === PHONE ? "folds behind a menu button" : "is one row"}`, async ({
      page,
    }) => {
      await signInAs(page, "admin");
      await page.goto("/merchants");
      const menu = page.getByRole("button", { name: "Menu" });
      const navigation = page.getByRole("navigation", { name: "Main" });
      if (viewport === DESKTOP) {
        await expect(menu).toBeHidden();
        await expect(navigation.getByRole("link", { name: "Audit" })).toBeVisible();
        return;
      }
      await expect(navigation).toBeHidden();
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      await navigation.getByRole("link", { name: "Audit" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
      await expect(navigation).toBeHidden();
      await expectNoSidewaysScroll(page);
    });

    test(`[A11Y]: the first Tab at ${size} offers a skip link to the page's content`, async ({ page }) => {
      await signInAs(page, "support");
      await page.goto("/audit");
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("main")).toBeFocused();
    });
  });
}
