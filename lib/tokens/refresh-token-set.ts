import "server-only";

import { randomUUID } from "node:crypto";

import { insertAuditEvents } from "@/lib/audit/insert-audit-events";
import { recordAuditEvent, type Actor, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { fingerprint } from "@/lib/crypto/fingerprint";
import { getDb } from "@/lib/db/client";
import { fixedStatements, fixedTransaction } from "@/lib/db/fixed-statements";
import { AppError } from "@/lib/errors";
import { requireEnvironment } from "@/lib/mobilepay/environments";
import { firstFailure, STAFF_MESSAGES } from "@/lib/mobilepay/oidc/check-result";
import { checkTokenEndpointIdToken } from "@/lib/mobilepay/oidc/id-token-checks";
import { checkMerchantClaims } from "@/lib/mobilepay/oidc/merchant-claims-check";
import {
  refreshTokens,
  TokenEndpointError,
  type TokenEndpointResult,
} from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";
import { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";
import { INSTANCE_ID } from "@/lib/tokens/instance-id";
import { backoffAfter, classifyRefreshFailure, detectRotationMode } from "@/lib/tokens/refresh-failure-policy";
import { decryptTokenColumn } from "@/lib/tokens/token-cipher-instance";
import { readStoredSets, type StoredTokenSet } from "@/lib/tokens/read-stored-sets";
import { takeLeases } from "@/lib/tokens/take-leases";
import { recordMerchantActivity, writeRefreshedSets, type RefreshedColumns } from "@/lib/tokens/write-refreshed-set";
import { announcedLinkState } from "@/lib/webhooks/event-types";
import { recordWebhookEvents, type WebhookEventInput } from "@/lib/webhooks/record-webhook-events";

/** Longer than the token endpoint's worst case (timeout) plus the write. */
export const REFRESH_LEASE_MS = 30_000;
const TOKEN_ENDPOINT_TIMEOUT_MS = 10_000;
const WAIT_POLL_MS = 100;

export type RefreshTrigger = "on-demand" | "manual" | "keep-alive" | "unauthorized";

export type RefreshOptions = {
  actor: Actor;
  trigger: RefreshTrigger;
  /**
   * Called once MobilePay's answer has passed every check, before it is stored: the access token is
   * valid from that moment, so callers waiting for it need not wait for the write as well.
   */
  onTokenIssued?: (token: { accessToken: string; version: number }) => void;
};

export type RefreshOutcome = {
  /** refreshed: this caller refreshed; shared: another refresher did; race: recovered from a lost race. */
  kind: "refreshed" | "shared" | "race";
  accessToken: string;
  version: number;
};

/** A token set as a refresh needs it: every ciphertext and the identity the new id_token must match. */
export async function readStoredSet(merchantId: string): Promise<StoredTokenSet | null> {
  const [set] = await readStoredSets(getDb(), [merchantId]);
  return set ?? null;
}

function decrypt(set: StoredTokenSet, column: "accessToken" | "refreshToken"): string {
  const envelope = column === "accessToken" ? set.accessTokenCiphertext : set.refreshTokenCiphertext;
  return decryptTokenColumn(envelope, { environment: set.merchant.environment, merchantId: set.merchantId }, column);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Refreshes a merchant's tokens with a database lease, so that across threads,
 * processes and machines exactly one refresher talks to MobilePay per token
 * generation; the others wait and read what it stored. A failing refresh never
 * deletes or overwrites a token set.
 */
export async function refreshTokenSet(
  merchantId: string,
  options: RefreshOptions & {
    onlyIfVersion?: number;
    /** The set as the caller just read it, saving the first read. */
    current?: StoredTokenSet;
  },
): Promise<RefreshOutcome> {
  const db = getDb();
  const deadline = Date.now() + REFRESH_LEASE_MS * 2;
  let alreadyRead = options.current?.merchantId === merchantId ? options.current : undefined;
  for (;;) {
    const current = alreadyRead ?? (await readStoredSet(merchantId));
    alreadyRead = undefined;
    if (!current) {
      throw new AppError("CONFLICT", { userMessage: "This merchant has no tokens: link it first." });
    }
    // Somebody refreshed since the caller saw its token fail: use theirs.
    if (options.onlyIfVersion !== undefined && current.version !== options.onlyIfVersion) {
      return { kind: "shared", accessToken: decrypt(current, "accessToken"), version: current.version };
    }
    const now = new Date();
    const owner = `${INSTANCE_ID}:${randomUUID()}`;
    const claimed = await takeLeases(db, [current], {
      owner,
      now,
      until: new Date(now.getTime() + REFRESH_LEASE_MS),
    });
    if (claimed.has(merchantId)) {
      await recordRefreshAttempts([current], options, now);
      return refreshAsLeaseHolder(current, owner, options);
    }
    // Another refresher holds the lease: wait for its write (or for its lease to lapse).
    while (Date.now() < deadline) {
      await sleep(WAIT_POLL_MS);
      const seen = await readStoredSet(merchantId);
      if (!seen) throw new AppError("CONFLICT", { userMessage: "This merchant's tokens were removed." });
      if (seen.version !== current.version) {
        return { kind: "shared", accessToken: decrypt(seen, "accessToken"), version: seen.version };
      }
      if (seen.failureKind === "terminal" && seen.failureAt && seen.failureAt >= now)
        throw relinkNeeded(seen.failureReason);
      if (!seen.leaseUntil || seen.leaseUntil < new Date()) break;
    }
    if (Date.now() >= deadline) {
      throw new AppError("UPSTREAM_UNAVAILABLE", {
        userMessage: "A refresh for this merchant is taking too long. Try again.",
      });
    }
  }
}

/**
 * Takes the leases of several merchants in one statement, each only at the generation the caller saw
 * and only if nobody else holds it. Returns the sets as they were before the claim (so a marker left by
 * a refresher that died is still seen) for the merchants whose lease is now the caller's.
 */
export async function claimLeases(
  candidates: readonly { merchantId: string; version: number }[],
  attempt: Pick<RefreshOptions, "actor" | "trigger">,
): Promise<{ owner: string; claimed: StoredTokenSet[] }> {
  const db = getDb();
  const owner = `${INSTANCE_ID}:${randomUUID()}`;
  if (candidates.length === 0) return { owner, claimed: [] };
  const sets = await readStoredSets(
    db,
    candidates.map((candidate) => candidate.merchantId),
  );
  const now = new Date();
  const claimedIds = await takeLeases(db, candidates, {
    owner,
    now,
    until: new Date(now.getTime() + REFRESH_LEASE_MS),
  });
  // A lease taken at the version the caller saw means the earlier read saw that version too (versions
  // only grow, and the read came first), so the sets read are the ones the leases cover.
  const claimed = sets.filter((set) => claimedIds.has(set.merchantId));
  await recordRefreshAttempts(claimed, attempt, now);
  return { owner, claimed };
}

/**
 * Records, before anything is sent to MobilePay, that a refresh of each set is about to be: a process
 * killed while the token endpoint has the request leaves this event behind, with the refresh token's
 * fingerprint, so the attempt is never invisible. One statement for a group of sets (the keep-alive
 * claims a few at a time), committed on its own so a crash cannot take it back.
 */
async function recordRefreshAttempts(
  sets: readonly StoredTokenSet[],
  attempt: Pick<RefreshOptions, "actor" | "trigger">,
  at: Date,
): Promise<void> {
  await insertAuditEvents(
    fixedStatements(getDb()),
    sets.map((set) => ({
      actor: attempt.actor,
      action: "token.refresh_started",
      environment: set.merchant.environment,
      merchantId: set.merchantId,
      details: {
        trigger: attempt.trigger,
        generation: set.version,
        refreshTokenFingerprint: set.refreshTokenFingerprint,
        ...(set.refreshStartedAt ? { interruptedAttemptAt: set.refreshStartedAt.toISOString() } : {}),
      },
    })),
    at,
  );
}

function relinkNeeded(reason: string | null): AppError {
  return new AppError("CONFLICT", {
    message: `relink needed: ${reason ?? "terminal refresh failure"}`,
    userMessage: `This link needs relinking: ${reason ?? "MobilePay refused the refresh token."}`,
  });
}

/** A refresh MobilePay answered and every check passed, ready to be stored under the lease. */
export type RefreshedSet = {
  before: StoredTokenSet;
  owner: string;
  options: RefreshOptions;
  columns: RefreshedColumns;
  auditEvents: AuditEventInput[];
  /** Announced with the write: a refresh that recovers a failing link changes its state. */
  webhookEvents?: WebhookEventInput[];
  accessToken: string;
};

/**
 * Stores refreshed sets in one transaction; each set's write is checked against its version and lease.
 * Fixed statements only, so on PostgreSQL the transaction runs outside Prisma (see fixedTransaction).
 */
export const storeRefreshedSets = (sets: RefreshedSet[]): Promise<boolean[]> =>
  fixedTransaction(getDb(), async (tx) => {
    const written = await writeRefreshedSets(
      tx,
      sets.map((set) => ({
        guard: { merchantId: set.before.merchantId, version: set.before.version, leaseOwner: set.owner },
        columns: set.columns,
      })),
    );
    const stored = sets.filter((_, index) => written[index]);
    if (stored.length > 0) {
      await recordMerchantActivity(
        tx,
        stored.map((set) => set.before.merchantId),
        new Date(),
      );
      await insertAuditEvents(
        tx,
        stored.flatMap((set) => set.auditEvents),
        new Date(),
      );
      await recordWebhookEvents(
        tx,
        stored.flatMap((set) => set.webhookEvents ?? []),
        new Date(),
      );
    }
    return written;
  });

/**
 * The lease holder's part: ask MobilePay, check the answer, then store it (by default in a transaction
 * of its own; the keep-alive sweep passes a store that commits several refreshes together).
 */
export async function refreshAsLeaseHolder(
  before: StoredTokenSet,
  owner: string,
  options: RefreshOptions,
  store: (set: RefreshedSet) => Promise<boolean> = async (set) => (await storeRefreshedSets([set]))[0]!,
): Promise<RefreshOutcome> {
  const environment = requireEnvironment(before.merchant.environment);
  // A marker left by a refresher that died after sending: with OneTime rotation its answer may be lost.
  const previousAttemptDied = before.refreshStartedAt !== null;
  const started = Date.now();
  const refreshToken = decrypt(before, "refreshToken");
  let response: TokenEndpointResult;
  let accessClaims: DecodedClaims;
  let idClaims: DecodedClaims | null;
  try {
    const { metadata, keys } = await getProviderMetadata(environment);
    response = await refreshTokens({
      tokenEndpoint: metadata.token_endpoint,
      clientId: environment.clientId,
      clientSecret: environment.clientSecret,
      refreshToken,
      timeoutMs: TOKEN_ENDPOINT_TIMEOUT_MS,
    });
    if (response.idToken && before.merchant.subject) {
      const identity = await checkTokenEndpointIdToken({
        idToken: response.idToken,
        accessToken: response.accessToken,
        expected: {
          issuer: environment.expectedIssuer,
          clientId: environment.clientId,
          subject: before.merchant.subject,
          originalIssuer: before.merchant.issuer ?? environment.expectedIssuer,
        },
        keys,
        clockToleranceSeconds: environment.clockToleranceSeconds,
      });
      const failed = firstFailure(identity.results);
      if (failed) throw new IdentityMismatch(`${STAFF_MESSAGES[failed.name]} (${failed.detail})`);
    }
    accessClaims = decodeJwtClaims(response.accessToken);
    idClaims = response.idToken ? decodeJwtClaims(response.idToken) : null;
    const merchantMismatch = checkRefreshedMerchant(before.merchant, accessClaims, idClaims);
    if (merchantMismatch) throw new MerchantMismatch(merchantMismatch);
  } catch (error) {
    return handleFailure(before, owner, options, error, { previousAttemptDied, durationMs: Date.now() - started });
  }

  const now = new Date();
  const newRefreshToken = response.refreshToken ?? refreshToken;
  const rotationMode = detectRotationMode(refreshToken, response.refreshToken);
  const sealed = encryptTokenSet(environment.id, before.merchantId, {
    accessToken: response.accessToken,
    refreshToken: newRefreshToken,
    idToken: response.idToken,
  });
  options.onTokenIssued?.({ accessToken: response.accessToken, version: before.version + 1 });
  const auditEvents: AuditEventInput[] = [
    {
      actor: options.actor,
      action: "token.refreshed",
      environment: environment.id,
      merchantId: before.merchantId,
      details: {
        trigger: options.trigger,
        generation: before.version + 1,
        rotationMode,
        refreshTokenFingerprint: fingerprint(newRefreshToken),
        previousRefreshTokenFingerprint: before.refreshTokenFingerprint,
        durationMs: Date.now() - now.getTime() + response.durationMs,
        // MobilePay's own share, so a slow refresh can be told apart from a slow console.
        tokenEndpointMs: response.durationMs,
        ...(before.failureKind ? { recoveredFrom: before.failureKind } : {}),
      },
    },
  ];
  if (before.failureKind) {
    auditEvents.push({
      actor: options.actor,
      action: "token.state_changed",
      environment: environment.id,
      merchantId: before.merchantId,
      details: { from: before.failureKind, to: "active" },
    });
  }
  const webhookEvents = before.failureKind ? recoveryEvents(before, options.trigger) : [];
  const written = await store({
    before,
    owner,
    options,
    accessToken: response.accessToken,
    auditEvents,
    webhookEvents,
    columns: {
      ...sealed,
      idTokenCiphertext: sealed.idTokenCiphertext ?? before.idTokenCiphertext,
      version: before.version + 1,
      accessTokenExpiresAt: new Date(now.getTime() + response.expiresIn * 1000),
      accessTokenIssuedAt: now,
      grantedScopes: response.scope ?? before.grantedScopes,
      accessTokenClaims: JSON.stringify("claims" in accessClaims ? accessClaims.claims : { error: accessClaims.error }),
      idTokenClaims: idClaims && "claims" in idClaims ? JSON.stringify(idClaims.claims) : null,
      previousRefreshTokenFingerprint: before.refreshTokenFingerprint,
      rotationMode,
      lastRotationAt: rotationMode === "OneTime" ? now : null,
      lastRefreshedAt: now,
    },
  });
  if (!written) {
    // Our lease lapsed and another refresher stored a newer set; ours is never written over it.
    const latest = await readStoredSet(before.merchantId);
    if (!latest) throw new AppError("CONFLICT", { userMessage: "This merchant's tokens were removed." });
    return { kind: "shared", accessToken: decrypt(latest, "accessToken"), version: latest.version };
  }
  return { kind: "refreshed", accessToken: response.accessToken, version: before.version + 1 };
}

/** A refresh succeeded after failures: the link is active again. */
function recoveryEvents(before: StoredTokenSet, trigger: RefreshTrigger): WebhookEventInput[] {
  const common = {
    environment: before.merchant.environment,
    merchant: { id: before.merchantId, vatNumber: before.merchant.vatNumber, name: before.merchant.name },
  };
  const from = announcedLinkState(before.failureKind);
  return [
    { ...common, type: "merchant.state_changed", data: { from, to: "active", trigger } },
    { ...common, type: "merchant.recovered", data: { from, failedSince: before.failureAt?.toISOString() ?? null } },
  ];
}

class IdentityMismatch extends Error {}

/** The refreshed tokens name another merchant than the linked one: nothing of them may be stored. */
class MerchantMismatch extends IdentityMismatch {}

type DecodedClaims = ReturnType<typeof decodeJwtClaims>;

/**
 * Every refresh proves its tokens belong to the linked merchant, by the rule completeLink applies at link
 * time: the access token always (a refresh may return no id_token, and the access token is what the APIs
 * act on), the id_token whenever one came back. Returns why they do not, or nothing when they do.
 */
function checkRefreshedMerchant(
  merchant: StoredTokenSet["merchant"],
  accessClaims: DecodedClaims,
  idClaims: DecodedClaims | null,
): string | undefined {
  const expected = { vatNumber: merchant.vatNumber, mobilePayId: merchant.mobilePayId, role: "linked" } as const;
  const tokens: [string, DecodedClaims][] = [["access token", accessClaims]];
  if (idClaims) tokens.push(["id_token", idClaims]);
  const failed = tokens
    .map(([source, decoded]) => checkMerchantClaims("claims" in decoded ? decoded.claims : {}, expected, source))
    .filter((result) => !result.passed);
  if (failed.length === 0) return undefined;
  return `MobilePay answered the refresh with tokens for another merchant than the linked ${merchant.vatNumber} (${failed.map((result) => result.detail).join("; ")}). Nothing of that answer was stored; the previous tokens are kept but can no longer be refreshed safely. Relink the merchant.`;
}

async function handleFailure(
  before: StoredTokenSet,
  owner: string,
  options: RefreshOptions,
  error: unknown,
  context: { previousAttemptDied: boolean; durationMs: number },
): Promise<RefreshOutcome> {
  const db = getDb();
  const latest = await readStoredSet(before.merchantId);
  const storedSetChanged = !latest || latest.version !== before.version;
  const endpointError = error instanceof TokenEndpointError ? error : undefined;
  const verdict = classifyRefreshFailure({
    errorKind: endpointError?.kind ?? "network",
    storedSetChanged,
    identityMismatch: error instanceof IdentityMismatch,
  });
  const environmentId = before.merchant.environment;
  const baseReason =
    error instanceof MerchantMismatch
      ? error.message
      : error instanceof IdentityMismatch
        ? `The refreshed id_token does not belong to the linked user: ${error.message}`
        : (endpointError?.reason ?? (error instanceof Error ? error.message : "unknown error"));

  if (verdict === "race" && latest) {
    await db.$transaction(async (tx) => {
      await tx.merchantTokenSet.updateMany({
        where: { merchantId: before.merchantId, leaseOwner: owner },
        data: { leaseOwner: null, leaseUntil: null },
      });
      await tx.merchantTokenSet.update({
        where: { merchantId: before.merchantId },
        data: { raceRecoveries: { increment: 1 } },
      });
      await recordAuditEvent(
        {
          actor: options.actor,
          action: "token.race_recovered",
          environment: environmentId,
          merchantId: before.merchantId,
          details: { trigger: options.trigger, generation: latest.version, oauthError: endpointError?.oauthError },
        },
        tx,
      );
    });
    return { kind: "race", accessToken: decrypt(latest, "accessToken"), version: latest.version };
  }

  const now = new Date();
  const terminal = verdict === "terminal";
  // The refresh token being refused again, unchanged, says nothing new: the diagnosis made when it was
  // first refused (e.g. "rotation lost in a crash") stays, rather than a generic guess replacing it.
  const refusedAgain =
    terminal &&
    endpointError?.oauthError === "invalid_grant" &&
    before.failureKind === "terminal" &&
    before.failureReason !== null &&
    !storedSetChanged;
  // Whether MobilePay may have served a refresh whose answer never arrived: a previous attempt died after
  // sending, or this one got no answer at all (timeout, connection lost). Until a refresh succeeds or is
  // refused, the marker stays, so a later invalid_grant is read as the rotation lost, not as withdrawn consent.
  const answerMayBeLost =
    context.previousAttemptDied || (endpointError?.kind === "transient" && endpointError.status === undefined);
  const computedReason = terminal
    ? endpointError?.kind === "configuration"
      ? `MobilePay refused the console's client credentials (${endpointError.oauthError ?? "invalid_client"}): check this environment's client id and secret. ${baseReason}`
      : context.previousAttemptDied && endpointError?.oauthError === "invalid_grant"
        ? "A previous refresh stopped after MobilePay rotated the refresh token but before the new one was stored; the stored one is no longer valid. Relink the merchant; until then the console makes no call with this link's tokens."
        : error instanceof IdentityMismatch
          ? baseReason
          : `MobilePay refused the current refresh token (${endpointError?.oauthError ?? "invalid_grant"}): consent was likely withdrawn, or the token expired after 13 months unused. Relink the merchant; until then the console makes no call with this link's tokens.`
    : `Refresh failed for a temporary reason and will be retried: ${baseReason}`;
  const reason = refusedAgain ? before.failureReason! : computedReason;
  const consecutiveFailures = before.consecutiveFailures + 1;
  await db.$transaction(async (tx) => {
    // Bookkeeping only: the stored tokens stay exactly as they were.
    const marked = await tx.merchantTokenSet.updateMany({
      where: { merchantId: before.merchantId, version: before.version },
      data: {
        failureKind: terminal ? "terminal" : "transient",
        failureReason: reason,
        failureAt: now,
        consecutiveFailures,
        nextAttemptAt: terminal ? null : new Date(now.getTime() + backoffAfter(consecutiveFailures)),
        refreshStartedAt: !terminal && answerMayBeLost ? (before.refreshStartedAt ?? now) : null,
        refreshFingerprintSent: !terminal && answerMayBeLost ? before.refreshTokenFingerprint : null,
        leaseOwner: null,
        leaseUntil: null,
      },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "token.refresh_failed",
        environment: environmentId,
        merchantId: before.merchantId,
        outcome: "failure",
        details: {
          trigger: options.trigger,
          class: terminal ? "terminal" : "transient",
          oauthError: endpointError?.oauthError,
          status: endpointError?.status,
          reason,
          ...(refusedAgain ? { refusedAgain: true } : {}),
          ...(error instanceof MerchantMismatch ? { failedCheck: "merchant_match" } : {}),
          durationMs: context.durationMs,
          consecutiveFailures,
        },
      },
      tx,
    );
    const newState = terminal ? "terminal" : "transient";
    // A set relinked or unlinked meanwhile was not marked: its state did not change, so nothing is announced.
    if (marked.count === 1 && before.failureKind !== newState) {
      await recordAuditEvent(
        {
          actor: options.actor,
          action: "token.state_changed",
          environment: environmentId,
          merchantId: before.merchantId,
          details: { from: before.failureKind ?? "active", to: newState },
        },
        tx,
      );
      await recordWebhookEvents(
        tx,
        [
          {
            type: "merchant.state_changed",
            environment: environmentId,
            merchant: { id: before.merchantId, vatNumber: before.merchant.vatNumber, name: before.merchant.name },
            data: {
              from: announcedLinkState(before.failureKind),
              to: announcedLinkState(newState),
              failureKind: newState,
              oauthError: endpointError?.oauthError ?? null,
              reason,
              trigger: options.trigger,
            },
          },
        ],
        now,
      );
    }
  });
  if (terminal) throw relinkNeeded(reason);
  throw new AppError("UPSTREAM_UNAVAILABLE", { message: reason, userMessage: reason });
}
