/**
 * The least any relay between a backend and MobilePay can cost on this host: a plain node:http server in a
 * process of its own that forwards each GET to the sandbox over a keep-alive pool with the caller's bearer
 * token and CorrelationId, and streams the answer back. No routing, no key, no database, no history. The
 * integrator API benchmark measures it beside the console's proxy, so the row shows how much of the proxy's
 * overhead is the extra hop itself. Reads BENCH_RELAY_TARGET (an origin); prints its URL as one JSON line;
 * stops when stdin closes.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";

import { Pool } from "undici";

const target = process.env.BENCH_RELAY_TARGET;
if (!target) throw new Error("BENCH_RELAY_TARGET must be set");

const upstream = new Pool(target, { connections: 64, keepAliveTimeout: 30_000 });

const server = createServer((request, response) => {
  upstream
    .request({
      path: request.url ?? "/",
      method: "GET",
      headers: {
        authorization: request.headers.authorization ?? "",
        correlationid: request.headers.correlationid ?? randomUUID(),
        accept: "application/json",
      },
    })
    .then(async (answer) => {
      const contentType = answer.headers["content-type"];
      response.writeHead(answer.statusCode, typeof contentType === "string" ? { "content-type": contentType } : {});
      await pipeline(answer.body, response);
    })
    .catch(() => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => {
  server.close();
  void upstream.close();
});
