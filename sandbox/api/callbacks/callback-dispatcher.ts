import { randomUUID } from "node:crypto";

import type { Database } from "../../storage/database";
import { CALLBACK_SCHEDULES, type CallbackQueue } from "./callback-schedules";

export interface CallbackEvent {
  queue: CallbackQueue;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

type DeliveryState = "batching" | "due" | "delivered" | "failed";

interface DeliveryRow {
  id: string;
  queue: CallbackQueue;
  url: string;
  headers: string;
  body: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

const DELIVERY_TIMEOUT_MS = 5000;

function toDeliveryRow(row: Record<string, unknown>): DeliveryRow {
  return {
    id: row.id as string,
    queue: row.queue as CallbackQueue,
    url: row.url as string,
    headers: row.headers as string,
    body: row.body as string,
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as number,
    createdAt: row.created_at as number,
  };
}

/**
 * Delivers MobilePay-style callbacks with MobilePay's batching and retry schedule, compressed by
 * `timeScale` so a sandbox run sees retries in seconds rather than hours. The outbox lives in
 * SQLite, so pending callbacks survive a restart.
 */
export class CallbackDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly timeScale: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    const intervalMs = Math.max(20, Math.min(1000, Math.round(5000 * this.timeScale)));
    this.timer = setInterval(() => {
      this.tick().catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  async enqueue(event: CallbackEvent): Promise<void> {
    const schedule = CALLBACK_SCHEDULES[event.queue];
    const now = Date.now();
    const batching = schedule.batchWindowMs > 0;
    await this.db.execute({
      sql: `INSERT INTO callback_deliveries (id, queue, url, headers, body, attempts, next_attempt_at, state, created_at)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      args: [
        randomUUID(),
        event.queue,
        event.url,
        JSON.stringify(event.headers),
        JSON.stringify(event.body),
        batching ? now + Math.round(schedule.batchWindowMs * this.timeScale) : now,
        batching ? "batching" : "due",
        now,
      ],
    });
  }

  /** Makes every waiting callback due now and delivers it. */
  async flush(): Promise<void> {
    await this.db.execute({
      sql: "UPDATE callback_deliveries SET next_attempt_at = 0 WHERE state IN ('batching', 'due')",
      args: [],
    });
    await this.tick();
  }

  async summary(): Promise<Record<string, unknown>> {
    const counts = await this.db.execute("SELECT state, COUNT(*) AS count FROM callback_deliveries GROUP BY state");
    const recent = await this.db.execute(
      "SELECT id, queue, url, body, attempts, state, last_status, last_error, created_at, delivered_at FROM callback_deliveries ORDER BY created_at DESC LIMIT 50",
    );
    return {
      counts: Object.fromEntries(counts.rows.map((row) => [row.state as string, Number(row.count)])),
      recent: recent.rows.map((row) => ({
        id: row.id,
        queue: row.queue,
        url: row.url,
        body: JSON.parse(row.body as string) as unknown,
        attempts: row.attempts,
        state: row.state,
        lastStatus: row.last_status,
        lastError: row.last_error,
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
      })),
    };
  }

  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.deliverDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async deliverDue(): Promise<void> {
    await this.closeBatches();
    const due = await this.db.execute({
      sql: "SELECT * FROM callback_deliveries WHERE state = 'due' AND next_attempt_at <= ? ORDER BY created_at LIMIT 100",
      args: [Date.now()],
    });
    await Promise.all(due.rows.map((row) => this.attempt(toDeliveryRow(row))));
  }

  /** Events of one queue for one URL whose batch window has passed become one array callback. */
  private async closeBatches(): Promise<void> {
    const ready = await this.db.execute({
      sql: "SELECT * FROM callback_deliveries WHERE state = 'batching' AND next_attempt_at <= ? ORDER BY created_at",
      args: [Date.now()],
    });
    const groups = new Map<string, DeliveryRow[]>();
    for (const row of ready.rows.map(toDeliveryRow)) {
      const key = JSON.stringify([row.queue, row.url, row.headers]);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const [first] = rows as [DeliveryRow, ...DeliveryRow[]];
      const body = JSON.stringify(rows.map((row) => JSON.parse(row.body) as unknown));
      await this.db.batch(
        [
          ...rows.map((row) => ({ sql: "DELETE FROM callback_deliveries WHERE id = ?", args: [row.id] })),
          {
            sql: `INSERT INTO callback_deliveries (id, queue, url, headers, body, attempts, next_attempt_at, state, created_at)
                  VALUES (?, ?, ?, ?, ?, 0, 0, 'due', ?)`,
            args: [randomUUID(), first.queue, first.url, first.headers, body, first.createdAt],
          },
        ],
        "write",
      );
    }
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(JSON.parse(delivery.headers) as Record<string, string>) },
        body: delivery.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer();
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }

    const attempts = delivery.attempts + 1;
    const retryDelays = CALLBACK_SCHEDULES[delivery.queue].retryDelaysMs;
    const retryDelay = retryDelays[attempts - 1];
    const state: DeliveryState = failure === null ? "delivered" : retryDelay === undefined ? "failed" : "due";
    await this.db.execute({
      sql: `UPDATE callback_deliveries SET attempts = ?, state = ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?
            WHERE id = ?`,
      args: [
        attempts,
        state,
        status,
        failure,
        Date.now() + Math.round((retryDelay ?? 0) * this.timeScale),
        state === "delivered" ? Date.now() : null,
        delivery.id,
      ],
    });
  }
}
