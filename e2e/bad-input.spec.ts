import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";

import { loadOrCreateDevSecrets } from "../lib/config/dev-secrets";

import { insertMerchantOfEnvironment, queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";

const LONE_SURROGATE = "\uD800";
const RIGHT_TO_LEFT_OVERRIDE = "\u202E";

test.describe("[INPUT] bad input is refused with a clear status", () => {
  test("[INPUT]: a lone % in a path answers 400 with a page or a problem body, not the framework's 500", async ({
    request,
  }) => {
    for (const path of ["/merchants/%", "/%", "/merchants/%E0%A4%A", "/link/%/complete"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(response.headers()["content-type"], path).toContain("text/html");
      expect(await response.text(), path).toContain("This address is not valid");
      expect(response.headers()["content-security-policy"], path).toContain("default-src 'self'");
    }
    const api = await request.get("/api/merchants/%/state", { maxRedirects: 0 });
    expect(api.status()).toBe(400);
    expect(api.headers()["content-type"]).toContain("application/problem+json");
    expect(await api.json()).toMatchObject({ status: 400, title: "Bad Request" });
    // The integrator API answers before the proxy would run: the same refusal, with the same headers.
    const integratorApi = await request.get("/api/v1/merchants/%/access-token", { maxRedirects: 0 });
    expect(integratorApi.status()).toBe(400);
    expect(integratorApi.headers()["content-type"]).toContain("application/problem+json");
    expect(integratorApi.headers()["x-content-type-options"]).toBe("nosniff");
    expect(integratorApi.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    // A well-formed escape still reaches the route.
    expect((await request.get("/merchants/%41", { maxRedirects: 0 })).status()).not.toBe(400);
  });

  test("[INPUT]: a merchant name with a lone surrogate or a bidi override is refused with 422 on the field", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, "integrator");
    for (const merchantName of [`Bager ${LONE_SURROGATE}`, `Invoice ${RIGHT_TO_LEFT_OVERRIDE}fdp.exe`, "Two\nlines"]) {
      const response = await page.request.post("/api/invitations", {
        headers: { origin: baseURL! },
        data: { merchantName, vatNumber: "DK12345678", products: ["invoice"], environment: "sandbox" },
      });
      expect(response.status(), JSON.stringify(merchantName)).toBe(422);
      const body = (await response.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
      expect(body.error.code).toBe("INVALID_INPUT");
      expect(body.error.fieldErrors.merchantName).toHaveLength(1);
    }
  });

  test("[INPUT]: a staff name with a lone surrogate or a bidi isolate is refused with 422 on the field", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, "admin");
    for (const name of [`Ida ${LONE_SURROGATE}`, "Ida \u2067Admin", `Ida ${RIGHT_TO_LEFT_OVERRIDE}nimda`]) {
      const response = await page.request.post("/api/staff", {
        headers: { origin: baseURL! },
        data: {
          email: `named-${randomUUID().slice(0, 8)}@example.com`,
          name,
          role: "support",
          password: "long-enough-password",
        },
      });
      expect(response.status(), JSON.stringify(name)).toBe(422);
      const body = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
      expect(body.error.fieldErrors.name).toHaveLength(1);
    }
  });

  test("[INPUT]: a JSON sign-in with a lone surrogate is refused like a wrong password, quoting no error", async ({
    request,
  }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const credentials of [
      { email: `ida${LONE_SURROGATE}@example.com`, password: "whatever-password" },
      { email: "support@example.com", password: `support-demo-pass${LONE_SURROGATE}` },
    ]) {
      const response = await request.post("/api/auth/callback/credentials", {
        headers: { "content-type": "application/json" },
        data: { ...credentials, csrfToken, json: "true" },
        maxRedirects: 0,
      });
      expect(response.status()).toBeLessThan(500);
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
    }
  });

  test("[INPUT]: merchant and staff names are shown isolated from the text around them", async ({ page }) => {
    await signInAs(page, "admin");
    await expect(page.getByTestId("current-staff").locator("bdi")).toHaveCount(1);
    await page.goto("/staff");
    await expect(page.getByRole("table", { name: "Staff" }).locator("tbody bdi").first()).toBeVisible();
  });
});

test.describe("[ROLES] refused pages answer real statuses", () => {
  test("[ROLES]: support opening the link page gets a real 403, not a streamed 200", async ({ page }) => {
    await signInAs(page, "support");
    const response = await page.goto("/merchants/link");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });

  test("[ROLES]: an unknown merchant answers a real 404 on its page and its sample calls", async ({ page }) => {
    await signInAs(page, "support");
    for (const path of ["/merchants/no-such-merchant", "/merchants/no-such-merchant/calls"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });

  test("[ROLES]: the merchants list still answers 200 to every role", async ({ page }) => {
    await signInAs(page, "support");
    const response = await page.goto("/merchants");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Merchants", level: 1 })).toBeVisible();
  });
});

/** Posts a body in chunks without a Content-Length, as a chunked sender does; resolves to the status. */
function postChunked(url: string, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let status: number | undefined;
    const request = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } },
      (response) => {
        status = response.statusCode;
        response.resume();
        response.on("end", () => resolve(status ?? 0));
      },
    );
    // The console may stop reading and answer before the last chunk is written.
    request.on("error", (error) => (status === undefined ? reject(error) : resolve(status)));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

test.describe("[CALLS] the callback receiver bounds what an anonymous sender can write", () => {
  const CALLBACK_PATH = "/api/mobilepay-callbacks/sandbox/payment";

  test("[CALLS]: a chunked body over the limit is refused with 413 and nothing is stored", async ({ baseURL }) => {
    const marker = randomUUID();
    // 200,000 two-byte characters: under the limit in characters, 400 KB in bytes.
    const chunks = [`{"marker":"${marker}","filler":"`, ...Array(20).fill("æ".repeat(10_000)), '"}'];
    expect(await postChunked(`${baseURL}${CALLBACK_PATH}`, chunks)).toBe(413);
    const stored = await queryConsoleDatabase('SELECT "id" FROM "ReceivedCallback" WHERE "body" LIKE ?', [
      `%${marker}%`,
    ]);
    expect(stored).toHaveLength(0);
  });

  test("[CALLS]: an empty or cut-off delivery with MobilePay's credentials is kept as incomplete and answered 400", async ({
    request,
    baseURL,
  }) => {
    const merchantId = `cut-off-${randomUUID()}`;
    await insertMerchantOfEnvironment({
      id: merchantId,
      name: "Cut Off ApS",
      environment: "sandbox",
      vatNumber: "DK99887766",
    });
    // The credentials the console registers for the merchant, derived as the console derives them.
    const password = createHmac("sha256", loadOrCreateDevSecrets().nextAuthSecret)
      .update(`mobilepay-callback:sandbox:${merchantId}`)
      .digest("base64url");
    const authorization = `Basic ${Buffer.from(`${merchantId}:${password}`).toString("base64")}`;

    const empty = await request.post(CALLBACK_PATH, { headers: { authorization, "content-type": "application/json" } });
    expect(empty.status()).toBe(400);

    // 20 of a declared 64 bytes, then the sender hangs up.
    const { hostname, port } = new URL(baseURL!);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(
          `POST ${CALLBACK_PATH} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ${authorization}\r\n` +
            `Content-Type: application/json\r\nContent-Length: 64\r\n\r\n[{"payment_id":"p-1"`,
          () => setTimeout(() => socket.destroy(), 200),
        );
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });

    await expect
      .poll(async () =>
        (
          await queryConsoleDatabase<{ verified: number; verificationDetail: string }>(
            'SELECT "verified", "verificationDetail" FROM "ReceivedCallback" WHERE "merchantId" = ? ORDER BY "receivedAt"',
            [merchantId],
          )
        ).map((row) => [row.verified, row.verificationDetail]),
      )
      .toEqual([
        [0, "The delivery had an empty body: nothing to record."],
        [0, "The delivery was cut off after 20 of 64 bytes; MobilePay delivers it again."],
      ]);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("[CALLS]: a flood of unverified callbacks stores a few short rows and answers the rest 429", async ({
    request,
  }) => {
    const marker = randomUUID();
    const body = JSON.stringify({ marker, filler: "x".repeat(250_000) });
    const send = (source: string) =>
      request.post(CALLBACK_PATH, {
        headers: { "content-type": "application/json", "x-forwarded-for": source },
        data: body,
      });
    // One sender, 40 requests of 250 KB at once (10 MB): only its per-minute allowance is stored.
    const fromOne = await Promise.all(Array.from({ length: 40 }, () => send("203.0.113.50")));
    const oneStatuses = fromOne.map((response) => response.status());
    expect(oneStatuses.filter((status) => status === 401)).toHaveLength(10);
    expect(oneStatuses.filter((status) => status === 429)).toHaveLength(30);
    expect(fromOne.find((response) => response.status() === 429)?.headers()["retry-after"]).toBe("60");
    // 40 senders: the overall allowance holds whatever the sender claims to be.
    const fromMany = await Promise.all(Array.from({ length: 40 }, (_, index) => send(`198.51.100.${index}`)));
    expect(fromMany.filter((response) => response.status() === 401).length).toBeLessThanOrEqual(20);

    const [stored] = await queryConsoleDatabase<{ rows: number; characters: number }>(
      'SELECT count(*) AS "rows", sum(length("body")) AS "characters" FROM "ReceivedCallback" WHERE "body" LIKE ?',
      [`%${marker}%`],
    );
    expect(Number(stored?.rows)).toBeGreaterThanOrEqual(10);
    expect(Number(stored?.rows)).toBeLessThanOrEqual(30);
    // Each kept body is cut to 4,000 characters plus a note: at most about 120 KB where 20 MB arrived.
    expect(Number(stored?.characters)).toBeLessThanOrEqual(30 * 4_100);
  });
});
