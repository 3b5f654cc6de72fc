import { createClient, type InStatement, type InValue } from "@libsql/client";
import bcrypt from "bcryptjs";

const ROWS_PER_INSERT = 500;
const INSERTS_PER_TRANSACTION = 100;

/** Prisma's SQLite text format for DateTime columns. */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function insert(table: string, columns: readonly string[], rows: readonly InValue[][]): InStatement {
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return {
    sql: `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`,
    args: rows.flat(),
  };
}

async function insertAll(
  db: ReturnType<typeof createClient>,
  table: string,
  columns: readonly string[],
  count: number,
  row: (index: number) => InValue[],
): Promise<void> {
  let statements: InStatement[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows: InValue[][] = [];
    for (let index = start; index < Math.min(count, start + ROWS_PER_INSERT); index += 1) rows.push(row(index));
    statements.push(insert(table, columns, rows));
    if (statements.length === INSERTS_PER_TRANSACTION) {
      await db.batch(statements, "write");
      statements = [];
    }
  }
  if (statements.length) await db.batch(statements, "write");
}

const ACTIONS = ["token.refreshed", "link.consented", "call.made", "token.refresh_failed", "staff.signed_in"];

export type PagesSeed = {
  staff: { email: string; password: string };
  merchantIds: string[];
  linkedShare: number;
  /** The keyset position halfway through the audit log, as the audit page's "Older" links carry it. */
  middleAuditEvent: { id: string; occurredAt: Date };
};

/**
 * A console at scale, written straight into its SQLite file with multi-row INSERTs in large transactions:
 * a staff admin, `merchants` merchants (4 in 5 linked, with placeholder ciphertexts the pages never open)
 * and `auditEvents` events over the past year, two in three about a merchant.
 */
export async function seedConsoleAtScale(
  databaseUrl: string,
  sizes: { merchants: number; auditEvents: number },
): Promise<PagesSeed> {
  const db = createClient({ url: databaseUrl });
  try {
    // This connection only: the seed is disposable, so it skips the fsyncs the console itself keeps.
    await db.execute("PRAGMA synchronous = OFF");
    const now = Date.now();
    const staff = { email: "bench-admin@example.com", password: "bench-admin-password" };
    await db.execute({
      sql: `INSERT INTO "StaffUser" ("id", "email", "name", "role", "passwordHash", "disabled", "createdAt", "updatedAt")
            VALUES (?, ?, ?, 'admin', ?, 0, ?, ?)`,
      args: [
        "bench-staff-admin",
        staff.email,
        "Bench Admin",
        await bcrypt.hash(staff.password, 10),
        sqliteDate(new Date()),
        sqliteDate(new Date()),
      ],
    });

    const merchantId = (index: number) => `bm${index.toString(36).padStart(8, "0")}`;
    const linked = (index: number) => index % 5 !== 0;
    await insertAll(
      db,
      "Merchant",
      [
        "id",
        "environment",
        "mobilePayId",
        "vatNumber",
        "name",
        "subject",
        "issuer",
        "products",
        "lastActivityAt",
        "createdAt",
        "updatedAt",
      ],
      sizes.merchants,
      (index) => {
        const at = sqliteDate(new Date(now - index * 60_000));
        return [
          merchantId(index),
          "sandbox",
          `mp-${index}`,
          `DK${String(10_000_000 + index)}`,
          `Merchant ${index} ApS`,
          "bench-subject",
          "http://127.0.0.1/merchant",
          "invoice subscriptions",
          at,
          at,
          at,
        ];
      },
    );
    const linkedIndexes = Array.from({ length: sizes.merchants }, (_, index) => index).filter(linked);
    await insertAll(
      db,
      "MerchantTokenSet",
      [
        "id",
        "merchantId",
        "accessTokenCiphertext",
        "refreshTokenCiphertext",
        "keyId",
        "accessTokenExpiresAt",
        "grantedScopes",
        "accessTokenIssuedAt",
        "refreshTokenFingerprint",
        "lastRefreshedAt",
        "createdAt",
        "updatedAt",
      ],
      linkedIndexes.length,
      (position) => {
        const index = linkedIndexes[position]!;
        const at = sqliteDate(new Date(now - index * 60_000));
        return [
          `bt${index}`,
          merchantId(index),
          "v1.bench.placeholder.placeholder",
          "v1.bench.placeholder.placeholder",
          "bench",
          sqliteDate(new Date(now + 300_000)),
          "openid offline_access invoice subscriptions",
          at,
          "0123456789ab",
          at,
          at,
          at,
        ];
      },
    );
    const yearMs = 365 * 24 * 3600_000;
    const auditEventAt = (index: number) => ({
      id: `be${index.toString(36).padStart(10, "0")}`,
      occurredAt: new Date(now - Math.floor((index / sizes.auditEvents) * yearMs)),
    });
    await insertAll(
      db,
      "AuditEvent",
      ["id", "occurredAt", "actorType", "actorLabel", "action", "environment", "merchantId", "outcome", "details"],
      sizes.auditEvents,
      (index) => {
        // Newest first by index, so the merchants' timelines and the audit log both see recent and old events.
        const { id, occurredAt } = auditEventAt(index);
        const action = ACTIONS[index % ACTIONS.length]!;
        const aboutMerchant = index % 3 !== 0;
        return [
          id,
          sqliteDate(occurredAt),
          "system",
          "keep-alive",
          action,
          "sandbox",
          aboutMerchant ? merchantId(index % sizes.merchants) : null,
          action.endsWith("failed") ? "failure" : "success",
          JSON.stringify({ trigger: "keep-alive", generation: index % 97, durationMs: index % 400 }),
        ];
      },
    );
    return {
      staff,
      merchantIds: Array.from({ length: sizes.merchants }, (_, index) => merchantId(index)),
      linkedShare: 0.8,
      middleAuditEvent: auditEventAt(Math.floor(sizes.auditEvents / 2)),
    };
  } finally {
    db.close();
  }
}
