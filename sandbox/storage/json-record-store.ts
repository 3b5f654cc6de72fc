import type { Database } from "./database";

export interface StoredRecord<T> {
  id: string;
  merchantId: string;
  parentId: string | null;
  data: T;
  createdAt: number;
}

/**
 * One kind of API entity (invoice, agreement, payment, ...) kept as JSON documents in SQLite. The
 * APIs' state is small and read by id or by owner, so documents beat a table per entity here.
 */
export class JsonRecordStore<T> {
  constructor(
    private readonly db: Database,
    private readonly kind: string,
  ) {}

  async insert(record: Omit<StoredRecord<T>, "createdAt">): Promise<void> {
    await this.db.execute({
      sql: "INSERT INTO api_records (kind, id, merchant_id, parent_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      args: [this.kind, record.id, record.merchantId, record.parentId, JSON.stringify(record.data), Date.now()],
    });
  }

  async update(id: string, data: T): Promise<void> {
    await this.db.execute({
      sql: "UPDATE api_records SET data = ? WHERE kind = ? AND id = ?",
      args: [JSON.stringify(data), this.kind, id],
    });
  }

  async find(id: string): Promise<StoredRecord<T> | undefined> {
    const result = await this.db.execute({
      sql: "SELECT * FROM api_records WHERE kind = ? AND id = ?",
      args: [this.kind, id],
    });
    const row = result.rows[0];
    return row ? this.toRecord(row) : undefined;
  }

  async byParent(parentId: string): Promise<StoredRecord<T>[]> {
    const result = await this.db.execute({
      sql: "SELECT * FROM api_records WHERE kind = ? AND parent_id = ? ORDER BY created_at, rowid",
      args: [this.kind, parentId],
    });
    return result.rows.map((row) => this.toRecord(row));
  }

  async byMerchant(merchantId: string): Promise<StoredRecord<T>[]> {
    const result = await this.db.execute({
      sql: "SELECT * FROM api_records WHERE kind = ? AND merchant_id = ? ORDER BY created_at, rowid",
      args: [this.kind, merchantId],
    });
    return result.rows.map((row) => this.toRecord(row));
  }

  async all(): Promise<StoredRecord<T>[]> {
    const result = await this.db.execute({
      sql: "SELECT * FROM api_records WHERE kind = ? ORDER BY created_at, rowid",
      args: [this.kind],
    });
    return result.rows.map((row) => this.toRecord(row));
  }

  private toRecord(row: Record<string, unknown>): StoredRecord<T> {
    return {
      id: row.id as string,
      merchantId: row.merchant_id as string,
      parentId: (row.parent_id as string | null) ?? null,
      data: JSON.parse(row.data as string) as T,
      createdAt: row.created_at as number,
    };
  }
}
