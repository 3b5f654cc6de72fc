/**
 * Benchmark 5 — sealing and opening a token set with the console's cipher against bare AES-256-GCM on the
 * same plaintexts in the same process. Both do three encryptions and three decryptions per token set; the
 * console adds its envelope (key id, base64url), associated data strings and the refresh-token fingerprint.
 * Batches of each alternate in rotating order, so drift in the machine's speed and garbage collection hit all alike.
 * A batch's rate is counted against the CPU time the process used in it: on a shared machine, wall time also
 * counts the moments other processes held the core, which has nothing to do with either path.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";
import { getTokenCipher, tokenAssociatedData, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

import { goalRatio, writeBenchResult, type BenchResult } from "../support/bench-result";
import { GUARDS } from "../support/guards";
import { round, summarize } from "../support/stats";
import { printTable } from "../support/table";

const BATCHES = 30;
const BATCH_MS = 125;
const GOAL_RATIO = GUARDS.cryptoToRaw;

const started = Date.now();
const key = randomBytes(32);
Object.assign(process.env, {
  NODE_ENV: "test",
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  TOKEN_ENCRYPTION_KEYS: `bench:${key.toString("base64")}`,
  SANDBOX_ENABLED: "false",
});

// Shaped like MobilePay's: JWT access and id tokens of about a kilobyte, an opaque refresh token.
const tokens = {
  accessToken: `eyJ${randomBytes(900).toString("base64url")}`,
  refreshToken: randomBytes(32).toString("base64url"),
  idToken: `eyJ${randomBytes(700).toString("base64url")}`,
};
const merchantId = "cmbenchmerchant000000000";
const columns: [TokenColumn, string][] = [
  ["accessToken", tokens.accessToken],
  ["refreshToken", tokens.refreshToken],
  ["idToken", tokens.idToken],
];

function consoleRoundTrip(): void {
  const sealed = encryptTokenSet("sandbox", merchantId, tokens);
  const cipher = getTokenCipher();
  cipher.decrypt(sealed.accessTokenCiphertext, tokenAssociatedData("sandbox", merchantId, "accessToken"));
  cipher.decrypt(sealed.refreshTokenCiphertext, tokenAssociatedData("sandbox", merchantId, "refreshToken"));
  if (sealed.idTokenCiphertext) {
    cipher.decrypt(sealed.idTokenCiphertext, tokenAssociatedData("sandbox", merchantId, "idToken"));
  }
}

const associatedData = columns.map(([column]) => Buffer.from(`sandbox|${merchantId}|${column}|v1`, "utf8"));

function rawRoundTrip(): void {
  for (let index = 0; index < columns.length; index += 1) {
    const plaintext = columns[index]![1];
    const aad = associatedData[index]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  }
}

/** The floor plus what any text column needs: base64url text in, parsed back out. Informational only. */
function rawWithTextEnvelope(): void {
  for (let index = 0; index < columns.length; index += 1) {
    const plaintext = columns[index]![1];
    const aad = associatedData[index]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(aad);
    const text = `${iv.toString("base64url")}.${Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64url")}`;
    const [ivText = "", bodyText = ""] = text.split(".");
    const body = Buffer.from(bodyText, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - 16));
    Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  }
}

/**
 * The floor with IVs drawn from the CSPRNG in batches, as the console's cipher draws them, and otherwise
 * unchanged. Informational: it shows how much of the console's result comes from cheaper IVs rather than
 * from a cheaper envelope.
 */
let ivBatch = Buffer.alloc(0);
let ivOffset = 0;
function rawWithBatchedIvs(): void {
  for (let index = 0; index < columns.length; index += 1) {
    const plaintext = columns[index]![1];
    const aad = associatedData[index]!;
    if (ivOffset === ivBatch.length) {
      ivBatch = randomBytes(12 * 256);
      ivOffset = 0;
    }
    const iv = ivBatch.subarray(ivOffset, ivOffset + 12);
    ivOffset += 12;
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  }
}

type Rate = { cpu: number; wall: number };

/** Token sets per CPU second and per wall-clock second over one batch of roughly BATCH_MS. */
function rate(work: () => void): Rate {
  let count = 0;
  const begin = performance.now();
  const cpuBefore = process.cpuUsage();
  let now = begin;
  while (now - begin < BATCH_MS) {
    for (let index = 0; index < 20; index += 1) work();
    count += 20;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (count * 1e6) / (cpu.user + cpu.system), wall: (count * 1000) / (now - begin) };
}

const paths: { label: string; work: () => void; rates: Rate[] }[] = [
  { label: "console: encryptTokenSet + 3× decrypt", work: consoleRoundTrip, rates: [] },
  { label: "raw AES-256-GCM (floor)", work: rawRoundTrip, rates: [] },
  { label: "raw + base64url text envelope (informational)", work: rawWithTextEnvelope, rates: [] },
  { label: "raw with batched IVs (informational)", work: rawWithBatchedIvs, rates: [] },
];
// Warm every path up so the JIT has compiled them before anything is counted.
for (const { work } of paths) rate(work);
for (let batch = 0; batch < BATCHES; batch += 1) {
  // The order rotates: a batch that follows another pays for the garbage that one left behind.
  for (let step = 0; step < paths.length; step += 1) {
    const { work, rates } = paths[(batch + step) % paths.length]!;
    rates.push(rate(work));
  }
}
const summaries = paths.map(({ label, rates }) => ({
  label,
  cpu: summarize(rates.map((sample) => sample.cpu)),
  wall: summarize(rates.map((sample) => sample.wall)),
}));
const [measured, floor] = summaries as [(typeof summaries)[number], (typeof summaries)[number]];
const ratio = measured.cpu.median / floor.cpu.median;

const headers = [
  "path",
  "batches",
  "median sets/CPU-s",
  "slowest batch sets/CPU-s",
  "ratio to floor",
  "wall-clock ratio",
];
const rows = summaries.map(({ label, cpu, wall }) => [
  label,
  cpu.count,
  round(cpu.median, 0),
  round(cpu.min, 0),
  round(cpu.median / floor.cpu.median),
  round(wall.median / floor.wall.median),
]);
printTable("Token set encryption round trip (encrypt + decrypt of access, refresh and id token)", headers, rows);

const result: BenchResult = {
  name: "crypto",
  config: { batches: BATCHES, batchMs: BATCH_MS, tokenBytes: Object.values(tokens).map((token) => token.length) },
  tables: [{ title: "Token set encryption round trip", headers, rows }],
  goals: [
    {
      benchmark: "crypto: token set encrypt+decrypt vs raw AES-256-GCM",
      measured: round(measured.cpu.median, 0),
      floor: round(floor.cpu.median, 0),
      unit: "sets per CPU second (median)",
      ratio: goalRatio(ratio),
      goal: `≥ ${GOAL_RATIO}×`,
      pass: ratio >= GOAL_RATIO,
    },
  ],
  durationMs: Date.now() - started,
};
writeBenchResult(result);
