import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
  type Value,
} from "@libsql/client";
import Database from "libsql";

/**
 * Distinct SQL texts kept prepared. The console issues a few hundred (Prisma's texts vary only with the
 * number of values in a list); a text seen once in a while is prepared again when it comes back.
 */
const MAX_PREPARED = 500;

const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

type Prepared = {
  statement: Database.Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
};

/** The file a `file:` URL names: `file:relative.db`, `file:/absolute.db`, `file:///absolute.db`. */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`not a file: URL: ${url}`);
  const [location = "", query] = url.slice("file:".length).split("?", 2);
  if (query) throw new Error("a file: database URL takes no query parameters");
  let path = location;
  if (path.startsWith("//")) {
    const pathStart = path.indexOf("/", 2);
    const host = path.slice(2, pathStart === -1 ? undefined : pathStart);
    if (host !== "" && host.toLowerCase() !== "localhost") {
      throw new Error(`a file: URL names no host ("${host}"): write file:/absolute/path.db`);
    }
    path = pathStart === -1 ? "" : path.slice(pathStart);
  }
  if (path === "") throw new Error("the file: URL names no file");
  return decodeURIComponent(path);
}

function toSqlValue(value: InValue): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("Only finite numbers can be passed to the database");
    return value;
  }
  if (typeof value === "bigint") {
    if (value < MIN_INT64 || value > MAX_INT64) throw new RangeError("bigint is too large for a 64-bit integer");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

function fromSqlValue(value: unknown): Value {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (Buffer.isBuffer(value)) {
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  }
  return value as Value;
}

function boundArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSqlValue);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSqlValue(value);
  }
  return named;
}

/** Named access beside index access, as @libsql/client's rows offer it; the first column of a name wins. */
function rowOf(values: unknown[], columns: string[]): Row {
  const row: Record<string | number, Value> = {};
  Object.defineProperty(row, "length", { value: values.length });
  for (let index = 0; index < values.length; index += 1) {
    const value = fromSqlValue(values[index]);
    Object.defineProperty(row, index, { value });
    const column = columns[index]!;
    if (!Object.hasOwn(row, column)) row[column] = value;
  }
  return row as unknown as Row;
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((row) => Array.from(row)), rowsAffected }),
  };
}

function asLibsqlError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) {
    const { code, rawCode } = error as unknown as { code: string; rawCode?: number };
    return new LibsqlError(error.message, code, rawCode, error);
  }
  return error;
}

/**
 * A libsql client for a local SQLite file that prepares each SQL text once. @libsql/client prepares every
 * statement anew and reads its columns twice: on the integrator API's hot path that was a tenth of the
 * server's time, more than running the statements. A prepared statement keeps working across schema
 * changes (SQLite prepares it again itself), but its column list may not, so a schema change empties the
 * cache. Transactions are left to singleConnectionClient, which runs them on this one connection.
 */
export function sqliteFileClient(url: string): Client {
  const database = new Database(sqliteFilePath(url));
  const prepared = new Map<string, Prepared>();
  let closed = false;

  function prepare(sql: string): Prepared {
    const known = prepared.get(sql);
    if (known) {
      // Most recently used last, so the oldest is the one dropped when the cache is full.
      prepared.delete(sql);
      prepared.set(sql, known);
      return known;
    }
    const statement = database.prepare(sql);
    const reader = statement.reader;
    if (reader) statement.raw(true);
    statement.safeIntegers(true);
    const described = reader ? statement.columns() : [];
    const entry: Prepared = {
      statement,
      reader,
      columns: described.map((column) => column.name),
      columnTypes: described.map((column) => column.type ?? ""),
    };
    if (SCHEMA_CHANGE.test(sql)) return entry;
    prepared.set(sql, entry);
    if (prepared.size > MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
    return entry;
  }

  function run(statement: InStatement): ResultSet {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    const { sql, args } = typeof statement === "string" ? { sql: statement, args: undefined } : statement;
    try {
      const entry = prepare(sql);
      const bound = boundArgs(args);
      if (entry.reader) {
        const rows = (entry.statement.all(bound) as unknown[][]).map((values) => rowOf(values, entry.columns));
        return resultSet(entry.columns, entry.columnTypes, rows, 0, undefined);
      }
      const info = entry.statement.run(bound);
      if (SCHEMA_CHANGE.test(sql)) prepared.clear();
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw asLibsqlError(error);
    }
  }

  run("SELECT 1 AS checkThatTheDatabaseCanBeOpened");

  return {
    execute: async (statement: InStatement | string, args?: InArgs) =>
      run(typeof statement === "string" && args !== undefined ? { sql: statement, args } : statement),
    batch: async (statements: InStatement[], mode: TransactionMode = "deferred") => {
      run(mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN DEFERRED");
      try {
        const results = statements.map(run);
        run("COMMIT");
        return results;
      } finally {
        if (database.inTransaction) run("ROLLBACK");
      }
    },
    transaction: async (): Promise<Transaction> => {
      throw new Error("transactions on this client run through singleConnectionClient");
    },
    executeMultiple: async (sql: string) => {
      try {
        database.exec(sql);
      } catch (error) {
        throw asLibsqlError(error);
      } finally {
        prepared.clear();
      }
    },
    sync: async () => undefined,
    close: () => {
      closed = true;
      prepared.clear();
      database.close();
    },
    get closed() {
      return closed;
    },
    protocol: "file",
  } as Client;
}
