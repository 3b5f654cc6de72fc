import type { Database } from "@/lib/db/create-client";

/** Tables in an order that satisfies every foreign key. */
const TABLES = [
  "staffUser",
  "loginThrottle",
  "merchant",
  "merchantTokenSet",
  "invitation",
  "linkTransaction",
  "callbackRecord",
  "auditEvent",
  "sampleCall",
  "receivedCallback",
  "schedulerRun",
  "jobLease",
  "webhookEndpoint",
  "webhookEvent",
  "webhookDelivery",
  "webhookAttempt",
  "webhookPurgedAttempts",
] as const;

type Table = (typeof TABLES)[number];
type Delegate = {
  count(): Promise<number>;
  findMany(args: object): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
};

// Secret columns are hidden by default; a copy must carry them over untouched.
const REVEAL: Partial<Record<Table, object>> = {
  staffUser: { passwordHash: false },
  merchantTokenSet: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  webhookEndpoint: { secretCiphertext: false, previousSecretCiphertext: false },
};

const PRIMARY_KEYS: Partial<Record<Table, string>> = {
  loginThrottle: "key",
  jobLease: "job",
  webhookPurgedAttempts: "outcome",
};

export type CopyReport = Record<Table, number>;

/**
 * Copies every row from one console database to another, e.g. a demo's SQLite
 * file into the PostgreSQL database of a production install. Token sets stay
 * encrypted exactly as they were (same keys, same ids, so they still decrypt);
 * the target must be migrated and empty.
 */
export async function copyDatabase(source: Database, target: Database, batchSize = 1000): Promise<CopyReport> {
  const report = {} as CopyReport;
  for (const table of TABLES) {
    const to = target[table] as unknown as Delegate;
    if ((await to.count()) > 0)
      throw new Error(`The target's ${table} table is not empty; copy into a fresh database.`);
  }
  for (const table of TABLES) {
    const from = source[table] as unknown as Delegate;
    const to = target[table] as unknown as Delegate;
    const primaryKey = PRIMARY_KEYS[table] ?? "id";
    let copied = 0;
    for (let skip = 0; ; skip += batchSize) {
      const rows = await from.findMany({
        orderBy: { [primaryKey]: "asc" },
        skip,
        take: batchSize,
        ...(REVEAL[table] ? { omit: REVEAL[table] } : {}),
      });
      if (rows.length === 0) break;
      copied += (await to.createMany({ data: rows })).count;
    }
    report[table] = copied;
  }
  return report;
}
