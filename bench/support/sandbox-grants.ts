import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { createClient, type InStatement, type InValue } from "@libsql/client";

import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";

import { linkAndRedeem } from "../../sandbox/test/support/hybrid-flow";

import type { BenchMerchant } from "./bench-merchants";
import type { SandboxInfo } from "./sandbox-info";

/** One real consent, as the console stores it, plus what its id_token says about the linked user. */
export type SourceGrant = {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  subject: string;
  issuer: string;
  merchantId: string;
  merchantVat: string;
};

export const GRANTED_SCOPE = "openid offline_access invoice subscriptions";

/** Runs the hybrid flow once, through the sandbox portal, as a merchant user would. */
export async function linkOneMerchant(sandbox: SandboxInfo): Promise<SourceGrant> {
  const tokens = await linkAndRedeem(sandbox.url, {
    email: sandbox.user.email,
    password: sandbox.user.password,
    client: sandbox.client,
    merchantVat: sandbox.user.merchantVat,
    scope: GRANTED_SCOPE,
  });
  const decoded = decodeJwtClaims(tokens.idTokenFromTokenEndpoint);
  if ("error" in decoded) throw new Error(`the sandbox's id_token is unreadable: ${decoded.error}`);
  const claims = decoded.claims;
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    idToken: tokens.idTokenFromTokenEndpoint,
    subject: String(claims.sub),
    issuer: String(claims.iss),
    merchantId: String(claims.merchant_id),
    merchantVat: String(claims.merchant_vat),
  };
}

const ROWS_PER_INSERT = 200;

type Row = Record<string, unknown>;

function multiRowInsert(table: string, columns: readonly string[], rows: readonly unknown[][]): InStatement {
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return {
    sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`,
    args: rows.flat() as InValue[],
  };
}

/**
 * Gives `count` merchants a grant of their own, each with a distinct refresh token, by copying one real
 * grant in the sandbox's store: the Grant and RefreshToken documents of oidc-provider plus the sandbox's
 * merchant_grants row, each under a fresh id. OneTime rotation consumes a refresh token per refresh, so
 * every merchant needs its own; running the portal flow 10,000 times would take far longer than the
 * refreshes being measured. Opaque refresh tokens are looked up by id only, so a copy is as good as a
 * token the OP minted itself.
 */
export async function cloneGrants(
  sandboxDataDir: string,
  source: SourceGrant,
  count: number,
  /** The merchant copy `index` is for; by default the source consent's own. */
  merchantOf?: (index: number) => BenchMerchant,
): Promise<string[]> {
  const db = createClient({ url: pathToFileURL(path.join(sandboxDataDir, "sandbox.db")).href });
  try {
    await db.execute("PRAGMA busy_timeout = 5000");
    const refresh = (
      await db.execute({
        sql: "SELECT * FROM oidc_models WHERE model = 'RefreshToken' AND id = ?",
        args: [source.refreshToken],
      })
    ).rows[0] as Row | undefined;
    if (!refresh) throw new Error("the source refresh token is not in the sandbox store");
    const grantId = String(refresh.grant_id);
    const grant = (
      await db.execute({ sql: "SELECT * FROM oidc_models WHERE model = 'Grant' AND id = ?", args: [grantId] })
    ).rows[0] as Row | undefined;
    const merchantGrant = (
      await db.execute({ sql: "SELECT * FROM merchant_grants WHERE grant_id = ?", args: [grantId] })
    ).rows[0] as Row | undefined;
    if (!grant || !merchantGrant) throw new Error("the source grant is not in the sandbox store");
    const grantPayload = JSON.parse(String(grant.payload)) as Row;
    const refreshPayload = JSON.parse(String(refresh.payload)) as Row;

    const models: unknown[][] = [];
    const grants: unknown[][] = [];
    const refreshTokens: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const newGrantId = randomBytes(16).toString("base64url");
      const newRefreshToken = randomBytes(32).toString("base64url");
      refreshTokens.push(newRefreshToken);
      models.push(["Grant", newGrantId, JSON.stringify({ ...grantPayload, jti: newGrantId }), null, grant.expires_at]);
      models.push([
        "RefreshToken",
        newRefreshToken,
        JSON.stringify({ ...refreshPayload, jti: newRefreshToken, grantId: newGrantId }),
        newGrantId,
        refresh.expires_at,
      ]);
      grants.push([
        newGrantId,
        merchantGrant.account_id,
        merchantGrant.client_id,
        merchantOf?.(index).merchantId ?? merchantGrant.merchant_id,
        merchantGrant.scope,
        merchantGrant.created_at,
      ]);
    }
    const statements: InStatement[] = [];
    for (let start = 0; start < models.length; start += ROWS_PER_INSERT) {
      statements.push(
        multiRowInsert(
          "oidc_models",
          ["model", "id", "payload", "grant_id", "expires_at"],
          models.slice(start, start + ROWS_PER_INSERT),
        ),
      );
    }
    for (let start = 0; start < grants.length; start += ROWS_PER_INSERT) {
      statements.push(
        multiRowInsert(
          "merchant_grants",
          ["grant_id", "account_id", "client_id", "merchant_id", "scope", "created_at"],
          grants.slice(start, start + ROWS_PER_INSERT),
        ),
      );
    }
    await db.batch(statements, "write");
    return refreshTokens;
  } finally {
    db.close();
  }
}
