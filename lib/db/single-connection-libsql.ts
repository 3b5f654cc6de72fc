import {
  createClient,
  type Client,
  type Config,
  type InStatement,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

import { sqliteFileClient } from "@/lib/db/sqlite-file-client";

/** Longer than any write transaction of the console, shorter than a request's patience. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * The connection's page cache, in KiB. SQLite's default of 2 MiB holds less than the merchants table of
 * a large integrator (10,000 merchants are about 3 MiB with their indexes), so every merchant search read
 * its pages back from the file: a search matching no merchant took 2.3 ms at 10,000 merchants, 1.5 ms
 * with the pages kept here. The cache fills only as far as pages are read, and this process has one connection.
 */
export const PAGE_CACHE_KIB = 64 * 1024;

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

/**
 * A libsql client whose transactions run on its one connection.
 *
 * @libsql/client hands its connection to each transaction and opens a new one for whatever comes next,
 * never closing the old one: every transaction then pays for opening the file and parsing the whole
 * schema again, and the abandoned connections linger until garbage collection. Prisma's adapter already
 * runs one statement or one transaction at a time per client (it holds its lock for a transaction's
 * whole life), so keeping the transaction on the client's own connection is safe.
 */
export type SingleConnectionClient = Client & {
  /**
   * Runs one statement as soon as no transaction is open on the connection, so it never sees another
   * caller's uncommitted writes. For reads that bypass Prisma (fixedRead): the statement itself runs
   * synchronously, so nothing can come between the check and the statement.
   */
  readBetweenTransactions(statement: InStatement): Promise<ResultSet>;
  /**
   * Runs statements as one transaction of their own as soon as no other transaction is open, for writes
   * that bypass Prisma (fixedWrite). The file client runs the whole batch synchronously, BEGIN to COMMIT,
   * so no other statement can come between its statements.
   */
  writeBetweenTransactions(statements: InStatement[]): Promise<ResultSet[]>;
};

export function singleConnectionClient(
  client: Client,
  options: { busyTimeoutMs?: number } = {},
): SingleConnectionClient {
  let transactionOpen = false;
  let transactionClosed: Promise<void> = Promise.resolve();
  let closeTransaction = () => {};
  // SQLite answers "busy" at once when another process is writing (a CLI script, a second process in
  // tests) unless the connection is told to wait for it. This process never waits on itself: its
  // statements take turns on this one connection. Write-ahead logging lets readers go on while a write
  // commits; the mode is stored in the file, and if another process holds it right now the file keeps its
  // mode, which costs speed only, so that failure is not passed on.
  const ready = client
    .execute(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`)
    .then(() => client.execute(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`))
    .then(() => client.execute("PRAGMA journal_mode = WAL").catch(() => undefined));

  async function beginTransaction(mode: TransactionMode = "deferred"): Promise<Transaction> {
    if (transactionOpen) throw new Error("a transaction is already open on this SQLite connection");
    await ready;
    // Marked open before BEGIN runs: a read waiting for the connection must not slip in between.
    transactionOpen = true;
    transactionClosed = new Promise((resolve) => (closeTransaction = resolve));
    try {
      await client.execute(BEGIN[mode]);
    } catch (error) {
      transactionOpen = false;
      closeTransaction();
      throw error;
    }
    let open = true;
    const requireOpen = () => {
      if (!open) throw new Error("the transaction is closed");
    };
    const end = async (statement: "COMMIT" | "ROLLBACK") => {
      if (!open) return;
      open = false;
      try {
        await client.execute(statement);
      } catch (error) {
        // A COMMIT that failed leaves the transaction open: roll it back so the connection is usable.
        if (statement === "COMMIT") await client.execute("ROLLBACK").catch(() => undefined);
        // Statements such as a failed constraint may already have rolled back; nothing is left to undo.
        if (statement === "ROLLBACK" && /no transaction is active/i.test(String(error))) return;
        throw error;
      } finally {
        transactionOpen = false;
        closeTransaction();
      }
    };
    return {
      async execute(statement: InStatement): Promise<ResultSet> {
        requireOpen();
        return client.execute(statement);
      },
      async batch(statements: InStatement[]): Promise<ResultSet[]> {
        const results: ResultSet[] = [];
        for (const statement of statements) {
          requireOpen();
          results.push(await client.execute(statement));
        }
        return results;
      },
      executeMultiple(): Promise<void> {
        return Promise.reject(new Error("scripts are not run inside transactions"));
      },
      commit: () => end("COMMIT"),
      rollback: () => end("ROLLBACK"),
      close() {
        void end("ROLLBACK").catch(() => undefined);
      },
      get closed() {
        return !open;
      },
    };
  }

  /** Resolves once the connection is ready and no transaction is open on it. */
  async function betweenTransactions(): Promise<void> {
    await ready;
    while (transactionOpen) await transactionClosed;
  }

  async function readBetweenTransactions(statement: InStatement): Promise<ResultSet> {
    await betweenTransactions();
    return client.execute(statement);
  }

  async function writeBetweenTransactions(statements: InStatement[]): Promise<ResultSet[]> {
    await betweenTransactions();
    return client.batch(statements, "write");
  }

  return {
    readBetweenTransactions,
    writeBetweenTransactions,
    execute: async (statement: InStatement) => {
      await ready;
      return client.execute(statement);
    },
    batch: async (statements: InStatement[], mode?: TransactionMode) => {
      await ready;
      return client.batch(statements, mode);
    },
    transaction: beginTransaction,
    executeMultiple: async (sql: string) => {
      await ready;
      return client.executeMultiple(sql);
    },
    sync: () => client.sync(),
    close: () => client.close(),
    get closed() {
      return client.closed;
    },
    protocol: client.protocol,
  };
}

/**
 * Prisma's libsql adapter with transactions kept on the client's one connection (see above), and a local
 * file's statements prepared once (sqliteFileClient).
 */
export class SingleConnectionLibSQL extends PrismaLibSQL {
  /** The connection Prisma opened last, for reads and writes that bypass Prisma (fixedRead, fixedWrite). */
  connection: SingleConnectionClient | undefined;

  override createClient(config: Config): Client {
    const localFile = config.url.startsWith("file:");
    const connection = singleConnectionClient(localFile ? sqliteFileClient(config.url) : createClient(config));
    // Only a local file's statements run synchronously, which readBetweenTransactions and
    // writeBetweenTransactions rely on.
    this.connection = localFile ? connection : undefined;
    return connection;
  }
}
