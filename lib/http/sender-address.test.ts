import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { stampPeerAddresses } from "./peer-address";
import { senderAddress } from "./sender-address";

// Proxies are configured, but the test's loopback client is not one of them: its header is its own word.
process.env.TRUSTED_PROXIES = "10.0.0.0/8";

let server: http.Server;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  stampPeerAddresses();
  server = http.createServer((request, response) => {
    seen.push(senderAddress(request.headers));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("the sender's address", () => {
  it("is the connection's peer when no trusted proxy is in between, whatever X-Forwarded-For says", async () => {
    seen.length = 0;
    for (const forwardedFor of ["203.0.113.9", "198.51.100.1, 203.0.113.10", "a".repeat(1_000)]) {
      await fetch(url, { headers: { "x-forwarded-for": forwardedFor } });
    }
    await fetch(url);
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });

  it("is unknown for a request that did not come through this process's server", () => {
    expect(senderAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("unknown");
  });
});
