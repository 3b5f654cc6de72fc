import type { Database } from "../storage/database";
import { epochSeconds } from "../storage/database";

export interface IssuedAccessToken {
  jti: string;
  grantId: string | null;
  clientId: string;
  merchantId: string | null;
  /** Milliseconds of the sandbox's real clock, so a cutoff and a token issued in the same second are told apart. */
  issuedAtMs: number;
  /** Seconds, like the JWT's exp. */
  expiresAt: number;
}

/**
 * JWT access tokens are self-contained, so oidc-provider keeps no record of them. The sandbox does,
 * so the APIs can optionally reject tokens of a revoked grant before they expire, and the control
 * API can end a merchant's tokens early.
 */
export class AccessTokenLedger {
  constructor(private readonly db: Database) {}

  async record(token: IssuedAccessToken): Promise<void> {
    await this.db.execute({
      sql: `INSERT OR REPLACE INTO issued_access_tokens (jti, grant_id, client_id, merchant_id, issued_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)`,
      args: [token.jti, token.grantId, token.clientId, token.merchantId, token.issuedAtMs, token.expiresAt],
    });
  }

  async find(jti: string): Promise<IssuedAccessToken | undefined> {
    const result = await this.db.execute({ sql: "SELECT * FROM issued_access_tokens WHERE jti = ?", args: [jti] });
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      jti: row.jti as string,
      grantId: (row.grant_id as string | null) ?? null,
      clientId: row.client_id as string,
      merchantId: (row.merchant_id as string | null) ?? null,
      issuedAtMs: row.issued_at as number,
      expiresAt: row.expires_at as number,
    };
  }

  /** Every access token of the merchant issued before now stops working. */
  async expireMerchantTokensNow(merchantId: string): Promise<number> {
    const notBefore = Date.now();
    await this.db.execute({
      sql: `INSERT INTO merchant_token_cutoffs (merchant_id, not_before) VALUES (?, ?)
            ON CONFLICT (merchant_id) DO UPDATE SET not_before = excluded.not_before`,
      args: [merchantId, notBefore],
    });
    const affected = await this.db.execute({
      sql: "SELECT COUNT(*) AS count FROM issued_access_tokens WHERE merchant_id = ? AND expires_at > ?",
      args: [merchantId, epochSeconds()],
    });
    return Number(affected.rows[0]?.count ?? 0);
  }

  /** Milliseconds; tokens issued at or before it are dead. */
  async merchantCutoffMs(merchantId: string): Promise<number | undefined> {
    const result = await this.db.execute({
      sql: "SELECT not_before FROM merchant_token_cutoffs WHERE merchant_id = ?",
      args: [merchantId],
    });
    const value = result.rows[0]?.not_before;
    return typeof value === "number" ? value : undefined;
  }

  async purgeExpired(): Promise<void> {
    await this.db.execute({ sql: "DELETE FROM issued_access_tokens WHERE expires_at <= ?", args: [epochSeconds()] });
  }
}
