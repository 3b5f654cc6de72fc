import http from "node:http";
import type { AddressInfo } from "node:net";

import { describe, expect, it } from "vitest";

import { PEER_ADDRESS_HEADER, PEER_PROOF_HEADER, stampPeerAddresses, stampedPeerAddress } from "./peer-address";

describe("the peer address of a request", () => {
  it("is the socket's address, whatever the client wrote in the header of the same name", async () => {
    stampPeerAddresses();
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(stampedPeerAddress(request.headers) ?? "none");
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: {
          [PEER_ADDRESS_HEADER]: "198.51.100.77",
          [PEER_PROOF_HEADER]: "guessed",
          "x-forwarded-for": "6.6.6.6",
        },
      });
      expect(response.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1"]);
  });

  it("is unknown when the stamp is missing or not this process's own", () => {
    expect(stampedPeerAddress({ [PEER_ADDRESS_HEADER]: "198.51.100.77" })).toBeNull();
    expect(stampedPeerAddress({ [PEER_ADDRESS_HEADER]: "198.51.100.77", [PEER_PROOF_HEADER]: "guessed" })).toBeNull();
  });
});
