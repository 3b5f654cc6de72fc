import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";

import { withConsoleDatabase } from "./testing/console-database-suite";
import { storeMerchant } from "./testing/stored-merchant";
import type {
  recordMerchantActivity,
  RefreshedColumns,
  RefreshedSetGuard,
  writeRefreshedSets,
} from "./write-refreshed-set";

/** The refresh's one write is plain SQL: it must read back through Prisma alike on SQLite and PostgreSQL. */
let db: Database;
let writeSets: typeof writeRefreshedSets;
let recordActivity: typeof recordMerchantActivity;

withConsoleDatabase(async (client) => {
  db = client;
  ({ writeRefreshedSets: writeSets, recordMerchantActivity: recordActivity } = await import("./write-refreshed-set"));
});

const earlier = new Date("2026-01-02T03:04:05.678Z");

type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];
const write = async (tx: Transaction, guard: RefreshedSetGuard, columns: RefreshedColumns) =>
  (await writeSets(tx, [{ guard, columns }]))[0];

const leasedSet = (name: string) =>
  storeMerchant(db, name, {
    tokenSet: {
      accessTokenCiphertext: "v1.k.iv.old-access",
      refreshTokenCiphertext: "v1.k.iv.old-refresh",
      idTokenCiphertext: "v1.k.iv.old-id",
      keyId: "k-old",
      accessTokenExpiresAt: earlier,
      accessTokenIssuedAt: earlier,
      idTokenClaims: '{"sub":"old"}',
      refreshTokenFingerprint: "fp-old",
      version: 4,
      refreshCount: 3,
      lastRotationAt: earlier,
      failureKind: "transient",
      failureReason: "timeout",
      failureAt: earlier,
      consecutiveFailures: 2,
      nextAttemptAt: earlier,
      refreshStartedAt: earlier,
      refreshFingerprintSent: "fp-old",
      leaseOwner: "holder",
      leaseUntil: new Date(Date.now() + 30_000),
    },
  });

function columns(now: Date, overrides: Partial<RefreshedColumns> = {}): RefreshedColumns {
  return {
    accessTokenCiphertext: "v1.k.iv.new-access",
    refreshTokenCiphertext: "v1.k.iv.new-refresh",
    idTokenCiphertext: "v1.k.iv.new-id",
    keyId: "k-new",
    refreshTokenFingerprint: "fp-new",
    version: 5,
    accessTokenExpiresAt: new Date(now.getTime() + 300_000),
    accessTokenIssuedAt: now,
    grantedScopes: "invoice subscriptions",
    accessTokenClaims: '{"scope":"invoice"}',
    idTokenClaims: '{"sub":"new"}',
    previousRefreshTokenFingerprint: "fp-old",
    rotationMode: "OneTime",
    lastRotationAt: now,
    lastRefreshedAt: now,
    ...overrides,
  };
}

const stored = (merchantId: string) =>
  db.merchantTokenSet.findUniqueOrThrow({
    where: { merchantId },
    omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  });

describe(`the refresh's write on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("stores the new set, counts the refresh and clears failure, lease and marker", async () => {
    const merchantId = await leasedSet("Write Refreshed ApS");
    const now = new Date("2026-11-26T10:11:12.345Z");
    expect(
      await db.$transaction((tx) => write(tx, { merchantId, version: 4, leaseOwner: "holder" }, columns(now))),
    ).toBe(true);
    const set = await stored(merchantId);
    expect(set).toMatchObject({
      accessTokenCiphertext: "v1.k.iv.new-access",
      refreshTokenCiphertext: "v1.k.iv.new-refresh",
      idTokenCiphertext: "v1.k.iv.new-id",
      keyId: "k-new",
      refreshTokenFingerprint: "fp-new",
      previousRefreshTokenFingerprint: "fp-old",
      version: 5,
      refreshCount: 4,
      grantedScopes: "invoice subscriptions",
      accessTokenClaims: '{"scope":"invoice"}',
      idTokenClaims: '{"sub":"new"}',
      rotationMode: "OneTime",
      failureKind: null,
      failureReason: null,
      failureAt: null,
      consecutiveFailures: 0,
      nextAttemptAt: null,
      refreshStartedAt: null,
      refreshFingerprintSent: null,
      leaseOwner: null,
      leaseUntil: null,
    });
    // Times written as SQL read back exactly, and compare with times Prisma writes.
    expect(set.accessTokenIssuedAt.toISOString()).toBe("2026-11-26T10:11:12.345Z");
    expect(set.lastRefreshedAt?.toISOString()).toBe("2026-11-26T10:11:12.345Z");
    expect(set.lastRotationAt?.toISOString()).toBe("2026-11-26T10:11:12.345Z");
    expect(set.accessTokenExpiresAt.toISOString()).toBe("2026-11-26T10:16:12.345Z");
    expect(set.updatedAt.getTime()).toBeGreaterThan(now.getTime());
    const due = await db.merchantTokenSet.count({
      where: { merchantId, lastRefreshedAt: { lt: new Date("2026-11-26T10:11:12.346Z") } },
    });
    const notYet = await db.merchantTokenSet.count({
      where: { merchantId, lastRefreshedAt: { lt: new Date("2026-11-26T10:11:12.345Z") } },
    });
    expect([due, notYet]).toEqual([1, 0]);
  });

  it("keeps the stored id_token claims and rotation time when the answer brings none", async () => {
    const merchantId = await leasedSet("Write Keeps ApS");
    const now = new Date();
    const kept = columns(now, { idTokenClaims: null, lastRotationAt: null, rotationMode: "Reusable" });
    await db.$transaction((tx) => write(tx, { merchantId, version: 4, leaseOwner: "holder" }, kept));
    const set = await stored(merchantId);
    expect(set.idTokenClaims).toBe('{"sub":"old"}');
    expect(set.lastRotationAt?.toISOString()).toBe(earlier.toISOString());
    expect(set.rotationMode).toBe("Reusable");
  });

  it("writes nothing over another generation or another lease holder", async () => {
    const merchantId = await leasedSet("Write Guarded ApS");
    const before = await stored(merchantId);
    const now = new Date();
    const attempts = await db.$transaction(async (tx) => [
      await write(tx, { merchantId, version: 3, leaseOwner: "holder" }, columns(now)),
      await write(tx, { merchantId, version: 4, leaseOwner: "someone-else" }, columns(now)),
    ]);
    expect(attempts).toEqual([false, false]);
    expect(await stored(merchantId)).toEqual(before);
  });

  it("writes a group in one statement, each set under its own guard", async () => {
    const [first, stale, second] = [
      await leasedSet("Group One ApS"),
      await leasedSet("Group Stale ApS"),
      await leasedSet("Group Two ApS"),
    ];
    const staleBefore = await stored(stale);
    const now = new Date("2026-11-26T12:00:00.000Z");
    const written = await db.$transaction((tx) =>
      writeSets(tx, [
        { guard: { merchantId: first, version: 4, leaseOwner: "holder" }, columns: columns(now, { keyId: "k-one" }) },
        { guard: { merchantId: stale, version: 3, leaseOwner: "holder" }, columns: columns(now) },
        {
          guard: { merchantId: second, version: 4, leaseOwner: "holder" },
          columns: columns(now, { keyId: "k-two", idTokenClaims: null, lastRotationAt: null }),
        },
      ]),
    );
    expect(written).toEqual([true, false, true]);
    expect(await stored(first)).toMatchObject({
      keyId: "k-one",
      version: 5,
      refreshCount: 4,
      idTokenClaims: '{"sub":"new"}',
    });
    const two = await stored(second);
    expect(two).toMatchObject({ keyId: "k-two", version: 5, idTokenClaims: '{"sub":"old"}', leaseOwner: null });
    expect(two.lastRotationAt?.toISOString()).toBe(earlier.toISOString());
    expect(await stored(stale)).toEqual(staleBefore);
    expect(await db.$transaction((tx) => writeSets(tx, []))).toEqual([]);
  });

  it("marks the merchants of stored refreshes active, and no others", async () => {
    const touched = [await leasedSet("Active One ApS"), await leasedSet("Active Two ApS")];
    const untouched = await leasedSet("Left Alone ApS");
    const before = await db.merchant.findUniqueOrThrow({ where: { id: untouched } });
    const at = new Date("2026-11-26T11:12:13.456Z");
    await db.$transaction((tx) => recordActivity(tx, touched, at));
    const merchants = await db.merchant.findMany({ where: { id: { in: [...touched, untouched] } } });
    for (const merchant of merchants) {
      if (merchant.id === untouched) expect(merchant.lastActivityAt).toEqual(before.lastActivityAt);
      else expect(merchant.lastActivityAt.toISOString()).toBe("2026-11-26T11:12:13.456Z");
    }
  });
});
