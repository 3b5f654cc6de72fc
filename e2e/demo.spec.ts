import { loadOrCreateDevSecrets } from "../lib/config/dev-secrets";

import { expect, signInAs, test } from "./fixtures/console-test";
import { sandboxControl } from "./fixtures/sandbox-control";

type SandboxFaults = { faults: { tokenEndpoint: { mode: string } | null; outage: boolean } };

test.describe.configure({ mode: "serial" });

test("[DEMO]: demo staff follow the demo script and flip the sandbox's switches from the console, no token copied", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signInAs(page, "demo");
  await page.getByRole("link", { name: "Demo", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo script");
  await expect(page.getByRole("list", { name: "Demo steps" }).locator("li")).toHaveCount(8);

  await page.getByRole("button", { name: "MobilePay fails once" }).click();
  await expect(page.getByText("Done: MobilePay fails once.")).toBeVisible();
  expect(((await sandboxControl("GET", "/control/state")) as SandboxFaults).faults.tokenEndpoint).toMatchObject({
    mode: "server-error",
  });
  await page.getByRole("button", { name: "Take MobilePay down" }).click();
  await expect(page.getByText("Done: Take MobilePay down.")).toBeVisible();
  expect(((await sandboxControl("GET", "/control/state")) as SandboxFaults).faults.outage).toBe(true);

  await page.getByRole("button", { name: "Reset the sandbox's switches" }).click();
  await expect(page.getByText("Done: Reset the sandbox's switches.")).toBeVisible();
  const state = (await sandboxControl("GET", "/control/state")) as SandboxFaults;
  expect(state.faults).toMatchObject({ tokenEndpoint: null, outage: false });
  // The control token stays on the server.
  const controlToken = process.env.SANDBOX_CONTROL_TOKEN ?? loadOrCreateDevSecrets().sandboxControlToken;
  expect(controlToken.length).toBeGreaterThan(15);
  expect(await page.content()).not.toContain(controlToken);
});

test("[DEMO]: integrators and support have no demo page and cannot flip the sandbox's switches", async ({ page }) => {
  await signInAs(page, "integrator");
  await expect(page.getByRole("link", { name: "Demo", exact: true })).toHaveCount(0);
  const response = await page.goto("/demo");
  expect(response?.status()).toBe(403);
  const refused = await page.request.post("/api/demo/sandbox-switch", {
    headers: { origin: new URL(page.url()).origin },
    data: { switch: "outage-start" },
  });
  expect(refused.status()).toBe(403);
  expect(((await sandboxControl("GET", "/control/state")) as SandboxFaults).faults.outage).toBe(false);
});
