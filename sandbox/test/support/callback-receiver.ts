import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
}

/** A local HTTP endpoint that records the callbacks the sandbox sends, and can fail on purpose. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** Status codes to answer with, first to last; 200 once exhausted. */
  plannedStatuses: number[] = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        this.received.push({
          path: req.url ?? "/",
          headers: req.headers,
          body: text ? (JSON.parse(text) as unknown) : undefined,
          receivedAt: Date.now(),
        });
        res.statusCode = this.plannedStatuses.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  on(path: string): ReceivedCallback[] {
    return this.received.filter((callback) => callback.path === path);
  }

  /** Callback bodies on a path, with array bodies (batched callbacks) flattened into their events. */
  events<T = Record<string, unknown>>(path: string): T[] {
    return this.on(path).flatMap((callback) =>
      Array.isArray(callback.body) ? (callback.body as T[]) : [callback.body as T],
    );
  }

  async waitForEvent<T = Record<string, unknown>>(
    path: string,
    predicate: (event: T) => boolean,
    timeoutMs = 5000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.events<T>(path).find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`No matching callback on ${path}; got ${JSON.stringify(this.events(path))}`);
  }

  async waitFor(path: string, count = 1, timeoutMs = 5000): Promise<ReceivedCallback[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const matching = this.on(path);
      if (matching.length >= count) return matching;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Expected ${count} callback(s) on ${path}, got ${this.on(path).length}`);
  }
}
