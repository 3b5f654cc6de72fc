import "server-only";

import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { fixedWrite } from "@/lib/db/fixed-write";
import { newRowId } from "@/lib/db/row-id";
import { insertStatement } from "@/lib/db/row-statements";
import { logger } from "@/lib/logger";
import { processShared } from "@/lib/process-shared";
import { groupCommit } from "@/lib/tokens/group-commit";
import { merchantActivityStatement } from "@/lib/tokens/write-refreshed-set";

export type ProxyCallRecord = {
  merchantId: string;
  environment: string;
  product: string;
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  requestHeaders: string;
  requestBody: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  correlationId: string;
  refreshed: boolean;
  outcome: "success" | "api-error" | "unauthorized" | "network-error";
  errorCode: string | null;
  staffId: string;
  staffLabel: string;
  /** When the call ended: the row's time, however long it waited for its group. */
  createdAt: Date;
};

/**
 * How long finished calls gather before their group is written. Each commit is a disk sync (5–7 ms on a
 * busy disk) that SQLite's driver makes on the server's one thread, holding up every request meanwhile:
 * one commit per call put that wait into other calls' answers. At 50 ms the thread still spent about a
 * tenth of a steady load in commits, so about one answer in ten arrived during one; 250 ms makes a quarter
 * as many commits. The backend has its answer already; a stopping instance still writes what is gathering,
 * a crash loses at most this window.
 */
const HISTORY_LINGER_MS = 250;
const MAX_GROUP = 200;

/** A group of calls in two fixed statements and one commit: the rows, and their merchants' last activity. */
export async function insertProxyCalls(db: Database, records: readonly ProxyCallRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = insertStatement(
    "SampleCall",
    records.map((record) => ({ id: newRowId(), ...record })),
  );
  const latest = new Date(Math.max(...records.map((record) => record.createdAt.getTime())));
  await fixedWrite(db, [
    rows,
    merchantActivityStatement([...new Set(records.map((record) => record.merchantId))], latest),
  ]);
}

const writeInGroups = groupCommit<ProxyCallRecord, void>(
  async (records) => {
    await insertProxyCalls(getDb(), records);
    return records.map(() => undefined);
  },
  { maxGroupSize: MAX_GROUP, lingerMs: HISTORY_LINGER_MS },
);

// Per process: the instance stops from instrumentation's bundle, and the calls are recorded from others.
const pending = processShared("pending-proxy-call-records", () => new Set<Promise<void>>());

/**
 * Adds a proxied call to its merchant's request history once MobilePay's answer has passed through: the
 * row holds that answer, so it cannot be written sooner. A failed write is logged, never the backend's
 * problem; a stopping instance waits for the rows still gathering (waitForProxyCallRecords).
 */
export function recordProxyCall(record: ProxyCallRecord): void {
  const written = writeInGroups(record)
    .catch((error: unknown) => {
      logger.error("a proxied call could not be added to the request history", {
        merchantId: record.merchantId,
        error,
      });
    })
    .finally(() => pending.delete(written));
  pending.add(written);
}

export function waitForProxyCallRecords(): Promise<unknown> {
  return Promise.allSettled([...pending]);
}
