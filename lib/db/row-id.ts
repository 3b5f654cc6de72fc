import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const BLOCK = 4;
const COUNTER_RANGE = 36 ** BLOCK;

const block = (value: number, size = BLOCK) => value.toString(36).padStart(size, "0").slice(-size);

/** Two characters of the process id and two of the host name, so two processes rarely share a prefix. */
const processFingerprint =
  block(process.pid, 2) +
  block(
    [...hostname()].reduce((sum, character) => sum + character.charCodeAt(0), 41),
    2,
  );

let counter = randomBytes(4).readUInt32BE() % COUNTER_RANGE;

/**
 * An id for a row written as SQL, in the shape of the cuid() Prisma gives the same tables: "c", the time
 * in base 36, a counter, the process's fingerprint and random characters (25 in all). Rows from either
 * path look alike, and within one process they sort in the order they were made, as the audit log's
 * order (time, then id) expects.
 */
export function newRowId(): string {
  counter = (counter + 1) % COUNTER_RANGE;
  const random = randomBytes(8).reduce((text, byte) => text + (byte % 36).toString(36), "");
  return `c${block(Date.now(), 8)}${block(counter)}${processFingerprint}${random}`;
}
