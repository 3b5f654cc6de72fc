/**
 * Benchmark 5 — sealing and opening a token set with the console's cipher against bare AES-256-GCM on the
 * same plaintexts in the same process. Both do three encryptions and three decryptions per token set; the
 * console adds its envelope (key id, base64url), associated data strings and the refresh-token fingerprint.
 * Batches of each alternate in rotating order, so drift in the machine's speed and garbage collection hit all alike.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";
import { getTokenCipher, tokenAssociatedData, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

import { writeBenchResult, type BenchResult } from "../support/bench-result";
import { round, summarize } from "../support/stats";
import { printTable } from "../support/table";

const BATCHES = 15;
const BATCH_MS = 250;
const GOAL_RATIO = 0.9;

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

/** Token sets per second over one batch of roughly BATCH_MS. */
function rate(work: () => void): number {
  let count = 0;
  const begin = performance.now();
  let now = begin;
  while (now - begin < BATCH_MS) {
    for (let index = 0; index < 100; index += 1) work();
    count += 100;
    now = performance.now();
  }
  return (count * 1000) / (now - begin);
}

// Warm both paths up so the JIT has compiled them before anything is counted.
rate(consoleRoundTrip);
rate(rawRoundTrip);
rate(rawWithTextEnvelope);
const consoleRates: number[] = [];
const rawRates: number[] = [];
const envelopeRates: number[] = [];
const paths: [() => void, number[]][] = [
  [consoleRoundTrip, consoleRates],
  [rawRoundTrip, rawRates],
  [rawWithTextEnvelope, envelopeRates],
];
for (let batch = 0; batch < BATCHES; batch += 1) {
  // The order rotates: a batch that follows another pays for the garbage that one left behind.
  for (let step = 0; step < paths.length; step += 1) {
    const [work, rates] = paths[(batch + step) % paths.length]!;
    rates.push(rate(work));
  }
}
const envelope = summarize(envelopeRates);
const measured = summarize(consoleRates);
const floor = summarize(rawRates);
const ratio = measured.median / floor.median;

const headers = ["path", "batches", "median sets/s", "slowest batch sets/s", "ratio to floor"];
const rows = [
  [
    "console: encryptTokenSet + 3× decrypt",
    measured.count,
    round(measured.median, 0),
    round(measured.min, 0),
    round(ratio),
  ],
  ["raw AES-256-GCM (floor)", floor.count, round(floor.median, 0), round(floor.min, 0), 1],
  [
    "raw + base64url text envelope (informational)",
    envelope.count,
    round(envelope.median, 0),
    round(envelope.min, 0),
    round(envelope.median / floor.median),
  ],
];
printTable("Token set encryption round trip (encrypt + decrypt of access, refresh and id token)", headers, rows);

const result: BenchResult = {
  name: "crypto",
  config: { batches: BATCHES, batchMs: BATCH_MS, tokenBytes: Object.values(tokens).map((token) => token.length) },
  tables: [{ title: "Token set encryption round trip", headers, rows }],
  goals: [
    {
      benchmark: "crypto: token set encrypt+decrypt vs raw AES-256-GCM",
      measured: round(measured.median, 0),
      floor: round(floor.median, 0),
      unit: "sets/s (median)",
      ratio: round(ratio),
      goal: `≥ ${GOAL_RATIO}×`,
      pass: ratio >= GOAL_RATIO,
    },
  ],
  durationMs: Date.now() - started,
};
writeBenchResult(result);
