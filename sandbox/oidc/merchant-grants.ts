import type { Database } from "../storage/database";
import { epochSeconds } from "../storage/database";

/**
 * MobilePay issues tokens to a merchant, not to the portal user who consented. oidc-provider's grant
 * knows only the user (account) and client, so this table ties every grant to the merchant it covers.
 */
export interface MerchantGrant {
  grantId: string;
  accountId: string;
  clientId: string;
  merchantId: string;
  scope: string;
  createdAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

function rowToMerchantGrant(row: Record<string, unknown>): MerchantGrant {
  return {
    grantId: row.grant_id as string,
    accountId: row.account_id as string,
    clientId: row.client_id as string,
    merchantId: row.merchant_id as string,
    scope: row.scope as string,
    createdAt: row.created_at as number,
    revokedAt: (row.revoked_at as number | null) ?? null,
    revokedBy: (row.revoked_by as string | null) ?? null,
  };
}

export class MerchantGrants {
  constructor(private readonly db: Database) {}

  async record(grant: Omit<MerchantGrant, "createdAt" | "revokedAt" | "revokedBy">): Promise<void> {
    await this.db.execute({
      sql: `INSERT INTO merchant_grants (grant_id, account_id, client_id, merchant_id, scope, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (grant_id) DO UPDATE SET scope = excluded.scope, revoked_at = NULL, revoked_by = NULL`,
      args: [grant.grantId, grant.accountId, grant.clientId, grant.merchantId, grant.scope, epochSeconds()],
    });
  }

  async byGrantId(grantId: string): Promise<MerchantGrant | undefined> {
    const result = await this.db.execute({ sql: "SELECT * FROM merchant_grants WHERE grant_id = ?", args: [grantId] });
    const row = result.rows[0];
    return row ? rowToMerchantGrant(row) : undefined;
  }

  async activeGrantFor(accountId: string, clientId: string, merchantId: string): Promise<MerchantGrant | undefined> {
    const result = await this.db.execute({
      sql: `SELECT * FROM merchant_grants WHERE account_id = ? AND client_id = ? AND merchant_id = ? AND revoked_at IS NULL
            ORDER BY created_at DESC LIMIT 1`,
      args: [accountId, clientId, merchantId],
    });
    const row = result.rows[0];
    return row ? rowToMerchantGrant(row) : undefined;
  }

  async activeGrantsForMerchants(merchantIds: string[]): Promise<MerchantGrant[]> {
    if (merchantIds.length === 0) return [];
    const placeholders = merchantIds.map(() => "?").join(", ");
    const result = await this.db.execute({
      sql: `SELECT * FROM merchant_grants WHERE merchant_id IN (${placeholders}) AND revoked_at IS NULL ORDER BY created_at`,
      args: merchantIds,
    });
    return result.rows.map(rowToMerchantGrant);
  }

  async all(): Promise<MerchantGrant[]> {
    const result = await this.db.execute("SELECT * FROM merchant_grants ORDER BY created_at");
    return result.rows.map(rowToMerchantGrant);
  }

  async markRevoked(grantId: string, revokedBy: string): Promise<void> {
    await this.db.execute({
      sql: "UPDATE merchant_grants SET revoked_at = ?, revoked_by = ? WHERE grant_id = ? AND revoked_at IS NULL",
      args: [epochSeconds(), revokedBy, grantId],
    });
  }
}
