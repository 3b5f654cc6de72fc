/**
 * Benchmark 1 — what the console adds to a hybrid-flow callback on top of MobilePay's token endpoint.
 * Each iteration receives a real form_post from the sandbox OP and runs the console's own pieces in this
 * process: precheckLinkCallback (transaction, state, front-channel id_token), the code exchange at the OP,
 * then completeLink (back-channel id_token checks, encryption, the storing transaction). The exchange is
 * timed on its own inside the same iteration: that is the floor.
 */
import { randomBytes } from "node:crypto";

import { encode } from "next-auth/jwt";

import { OAUTH_CHECK_COOKIE_NAMES } from "@/lib/links/oauth-check-cookies";
import { getDb } from "@/lib/db/client";
import { completeLink } from "@/lib/links/complete-link";
import { LINK_TRANSACTION_TTL_SECONDS } from "@/lib/links/link-cookie";
import { precheckLinkCallback } from "@/lib/links/precheck-link-callback";
import { requireEnvironment } from "@/lib/mobilepay/environments";
import { exchangeCode } from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";

import { parseBenchOptions } from "../support/args";
import { goalRatio, writeBenchResult, type BenchResult } from "../support/bench-result";
import { createSqliteDatabase } from "../support/console-database";
import { applyConsoleEnv, consoleEnv } from "../support/console-env";
import { createFrontChannel } from "../support/front-channel";
import { GUARDS } from "../support/guards";
import { GRANTED_SCOPE } from "../support/sandbox-grants";
import { startSandboxChild } from "../support/sandbox-child";
import { round, summarize } from "../support/stats";
import { printTable } from "../support/table";
import { timed } from "../support/timing";

const WARMUP_ITERATIONS = 3;
const GOAL_RATIO = GUARDS.linkCallbackToTokenEndpoint;

const options = parseBenchOptions(process.argv.slice(2));

const started = Date.now();
const sandbox = await startSandboxChild();
const database = createSqliteDatabase();
const env = consoleEnv({ databaseUrl: database.url, sandbox });
applyConsoleEnv(env);

try {
  const environment = requireEnvironment("sandbox");
  const db = getDb();
  const authorize = createFrontChannel(sandbox);
  const cookie = (name: string, value: string) =>
    encode({
      token: { value, provider: environment.providerId },
      secret: env.NEXTAUTH_SECRET,
      salt: name,
      maxAge: 900,
    });

  /** Everything the callback needs that exists before MobilePay answers; not timed. */
  async function prepare() {
    const invitation = await db.invitation.create({
      data: {
        tokenHash: randomBytes(32).toString("hex"),
        merchantName: "Annas Bageri ApS",
        vatNumber: sandbox.user.merchantVat,
        products: "invoice subscriptions",
        environment: environment.id,
        status: "opened",
        expiresAt: new Date(Date.now() + 3_600_000),
        createdById: "bench",
        createdByLabel: "bench",
      },
    });
    const transaction = await db.linkTransaction.create({
      data: {
        id: randomBytes(32).toString("base64url"),
        invitationId: invitation.id,
        environment: environment.id,
        expiresAt: new Date(Date.now() + LINK_TRANSACTION_TTL_SECONDS * 1000),
      },
    });
    const response = await authorize();
    return {
      form: response.form,
      codeVerifier: response.secrets.codeVerifier,
      cookies: {
        transaction: transaction.id,
        state: await cookie(OAUTH_CHECK_COOKIE_NAMES.state, response.secrets.state),
        nonce: await cookie(OAUTH_CHECK_COOKIE_NAMES.nonce, response.secrets.nonce),
      },
    };
  }

  async function handleCallback(input: Awaited<ReturnType<typeof prepare>>) {
    let exchangeMs = 0;
    let precheckMs = 0;
    let completeMs = 0;
    const total = await timed(async () => {
      const prechecked = await timed(() =>
        precheckLinkCallback({ environment, method: "POST", form: input.form, cookies: input.cookies }),
      );
      precheckMs = prechecked.ms;
      const precheck = prechecked.value;
      if (precheck.kind !== "passed") throw new Error(`precheck refused: ${precheck.reason}`);
      const { metadata } = await getProviderMetadata(environment);
      const exchange = await timed(() =>
        exchangeCode({
          tokenEndpoint: metadata.token_endpoint,
          clientId: environment.clientId,
          clientSecret: environment.clientSecret,
          code: input.form.get("code") ?? "",
          redirectUri: environment.redirectUri,
          codeVerifier: input.codeVerifier,
        }),
      );
      exchangeMs = exchange.ms;
      const tokens = exchange.value;
      const completed = await timed(() =>
        completeLink(precheck.context, {
          provider: environment.providerId,
          type: "oauth",
          providerAccountId: precheck.context.frontChannel.subject,
          access_token: tokens.accessToken,
          refresh_token: tokens.refreshToken,
          id_token: tokens.idToken,
          token_type: tokens.tokenType,
          scope: tokens.scope ?? GRANTED_SCOPE,
          expires_at: Math.floor(Date.now() / 1000) + tokens.expiresIn,
        }),
      );
      completeMs = completed.ms;
      const outcome = completed.value;
      if (!outcome.endsWith("outcome=linked")) throw new Error(`the link was refused: ${outcome}`);
      return precheck.context.outcome;
    });
    // Each iteration is a first link, not a relink: the merchant goes before the next one.
    const linked = total.value;
    if (linked?.kind === "linked") await db.merchant.delete({ where: { id: linked.merchantId } });
    return { totalMs: total.ms, exchangeMs, precheckMs, completeMs };
  }

  for (let index = 0; index < WARMUP_ITERATIONS; index += 1) await handleCallback(await prepare());
  const totals: number[] = [];
  const exchanges: number[] = [];
  const ratios: number[] = [];
  const prechecks: number[] = [];
  const completes: number[] = [];
  for (let index = 0; index < options.linkIterations; index += 1) {
    const { totalMs, exchangeMs, precheckMs, completeMs } = await handleCallback(await prepare());
    prechecks.push(precheckMs);
    completes.push(completeMs);
    totals.push(totalMs);
    exchanges.push(exchangeMs);
    ratios.push(totalMs / exchangeMs);
  }
  const total = summarize(totals);
  const floor = summarize(exchanges);
  const console_ = summarize(totals.map((ms, index) => ms - exchanges[index]!));
  const ratio = total.median / floor.median;

  const headers = ["measure", "n", "median ms", "p95 ms", "ratio to floor (median)"];
  const rows = [
    ["whole callback (console)", total.count, round(total.median), round(total.p95), round(ratio)],
    ["token endpoint alone (floor)", floor.count, round(floor.median), round(floor.p95), 1],
    ["console's own work", console_.count, round(console_.median), round(console_.p95), null],
    [
      "  precheckLinkCallback",
      prechecks.length,
      round(summarize(prechecks).median),
      round(summarize(prechecks).p95),
      null,
    ],
    ["  completeLink", completes.length, round(summarize(completes).median), round(summarize(completes).p95), null],
    ["per-iteration ratio", ratios.length, round(summarize(ratios).median), round(summarize(ratios).p95), null],
  ];
  printTable(`Link callback (${options.linkIterations} callbacks, SQLite)`, headers, rows);

  const result: BenchResult = {
    name: "link-callback",
    config: { iterations: options.linkIterations, warmup: WARMUP_ITERATIONS, database: "sqlite" },
    tables: [{ title: "Link callback", headers, rows }],
    goals: [
      {
        benchmark: "link callback: whole callback vs token endpoint",
        measured: round(total.median),
        floor: round(floor.median),
        unit: "ms (median)",
        ratio: goalRatio(ratio),
        goal: `≤ ${GOAL_RATIO}×`,
        pass: ratio <= GOAL_RATIO,
        note: `p95 ${round(total.p95)} ms vs ${round(floor.p95)} ms`,
      },
    ],
    durationMs: Date.now() - started,
  };
  writeBenchResult(result);
} finally {
  await getDb().$disconnect();
  await sandbox.stop();
  database.remove();
}
