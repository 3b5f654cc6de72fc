import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { refusedAddress, refusedUrl } from "./address-policy";
import { sendWebhook, type HostResolver } from "./send-webhook";

const production = { allowLoopback: false };
const development = { allowLoopback: true };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits += 1;
    handler!(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const fixedResolver =
  (answers: Record<string, string[]>): HostResolver =>
  async (hostname) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("which webhook URLs are refused (SSRF)", () => {
  it.each([
    ["http:// in production", "http://hooks.example.com/in", /only https/],
    ["loopback", "https://127.0.0.1/in", /loopback/],
    ["loopback, by name", "https://localhost/in", /loopback/],
    ["IPv6 loopback", "https://[::1]/in", /loopback/],
    ["loopback inside an IPv4-mapped IPv6 address", "https://[::ffff:127.0.0.1]/in", /loopback/],
    ["private 10/8", "https://10.1.2.3/in", /private/],
    ["private 192.168/16", "https://192.168.0.10/in", /private/],
    ["private 172.16/12", "https://172.20.0.1/in", /private/],
    ["private IPv6 (unique local)", "https://[fd12::1]/in", /private/],
    ["link-local", "https://169.254.10.20/in", /link-local/],
    ["IPv6 link-local", "https://[fe80::1]/in", /link-local/],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data", /metadata/],
    ["carrier-grade NAT", "https://100.64.1.1/in", /carrier-grade/],
    ["the unspecified address", "https://0.0.0.0/in", /unspecified/],
    ["credentials in the URL", "https://user:pass@hooks.example.com/in", /user name or password/],
    ["another scheme", "ftp://hooks.example.com/in", /only https/],
  ])("refuses %s", (_, url, reason) => {
    expect(refusedUrl(url, production)).toMatch(reason);
  });

  it("allows public https URLs, and loopback http only when configured for development", () => {
    expect(refusedUrl("https://hooks.example.com/in", production)).toBeUndefined();
    expect(refusedUrl("https://93.184.216.34/in", production)).toBeUndefined();
    expect(refusedUrl("http://127.0.0.1:4000/in", development)).toBeUndefined();
    expect(refusedUrl("http://localhost:4000/in", development)).toBeUndefined();
    // Allowing loopback opens nothing else.
    expect(refusedUrl("http://10.0.0.1/in", development)).toMatch(/only https/);
    expect(refusedAddress("10.0.0.1", development)).toMatch(/private/);
    expect(refusedAddress("169.254.169.254", development)).toMatch(/metadata/);
  });

  it("refuses a name that resolves to a private address, and one with any private answer among public ones", async () => {
    const resolve = fixedResolver({
      "internal.example.com": ["10.0.0.7"],
      "mixed.example.com": ["93.184.216.34", "192.168.1.1"],
      "rebind.example.com": ["127.0.0.1"],
    });
    for (const host of ["internal.example.com", "mixed.example.com", "rebind.example.com"]) {
      const result = await sendWebhook({
        url: `https://${host}/in`,
        body: "{}",
        headers: {},
        policy: production,
        resolve,
      });
      expect(result).toMatchObject({
        outcome: "refused",
        error: expect.stringMatching(new RegExp(`${host} resolves to`)),
      });
    }
  });

  it("checks the address it connects to, not an earlier answer: a name switched to loopback is refused", async () => {
    const target = await serve((_, response) => response.writeHead(200).end());
    const port = new URL(target.url).port;
    // The URL passes every static check; only the lookup made for the connection sees loopback.
    const resolve = fixedResolver({ "hooks.example.com": ["127.0.0.1"] });
    const result = await sendWebhook({
      url: `https://hooks.example.com:${port}/in`,
      body: "{}",
      headers: {},
      policy: production,
      resolve,
    });
    expect(result.outcome).toBe("refused");
    expect(target.hits()).toBe(0);
  });

  it("does not follow redirects: a 3xx is a failed attempt and its target is never asked", async () => {
    const elsewhere = await serve((_, response) => response.writeHead(200).end());
    const redirecting = await serve((_, response) => response.writeHead(307, { location: `${elsewhere.url}/x` }).end());
    const result = await sendWebhook({ url: `${redirecting.url}/in`, body: "{}", headers: {}, policy: development });
    expect(result).toMatchObject({
      outcome: "failed",
      statusCode: 307,
      error: expect.stringMatching(/redirects are not followed/),
    });
    expect(elsewhere.hits()).toBe(0);
  });

  it("gives up on a receiver that does not answer in time, and keeps only the first 1 KB of an answer", async () => {
    const silent = await serve(() => undefined);
    const slow = await sendWebhook({
      url: `${silent.url}/in`,
      body: "{}",
      headers: {},
      policy: development,
      timeoutMs: 300,
    });
    expect(slow).toMatchObject({ outcome: "failed", error: expect.stringMatching(/no answer within/) });

    const talkative = await serve((_, response) => response.writeHead(500).end("x".repeat(5_000)));
    const long = await sendWebhook({ url: `${talkative.url}/in`, body: "{}", headers: {}, policy: development });
    expect(long).toMatchObject({ outcome: "failed", statusCode: 500 });
    expect(long.responseBody).toHaveLength(1024);
  });
});
