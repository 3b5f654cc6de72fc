import type { Database } from "./database";
import { epochSeconds } from "./database";

/** The payload shape oidc-provider hands to and expects back from an adapter. */
export type OidcPayload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

export interface OidcAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<OidcPayload | undefined>;
  findByUid(uid: string): Promise<OidcPayload | undefined>;
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

export interface OidcAdapterPolicy {
  /**
   * Whether a rotated-out refresh token should stay on record as "consumed". When it does,
   * oidc-provider treats a second use as theft and revokes the whole grant; when it does not, the
   * stale token is simply unknown (invalid_grant) and the grant lives on, which is how
   * IdentityServer's OneTimeOnly refresh tokens behave.
   */
  keepConsumedRefreshTokens(): boolean;
}

function toNumberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

/** Persists every oidc-provider model (grants, codes, refresh tokens, sessions, ...) in SQLite. */
export class SqliteOidcAdapter implements OidcAdapter {
  constructor(
    private readonly db: Database,
    private readonly model: string,
    private readonly policy: OidcAdapterPolicy,
  ) {}

  async upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === "number" ? epochSeconds() + expiresIn : null;
    await this.db.execute({
      sql: `INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
              uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at,
              consumed_at = excluded.consumed_at`,
      args: [
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresAt,
        toNumberOrNull(payload.consumed),
      ],
    });
  }

  async find(id: string): Promise<OidcPayload | undefined> {
    return this.findWhere("id = ?", id);
  }

  async findByUid(uid: string): Promise<OidcPayload | undefined> {
    return this.findWhere("uid = ?", uid);
  }

  async findByUserCode(userCode: string): Promise<OidcPayload | undefined> {
    return this.findWhere("user_code = ?", userCode);
  }

  async consume(id: string): Promise<void> {
    if (this.model === "RefreshToken" && !this.policy.keepConsumedRefreshTokens()) {
      await this.destroy(id);
      return;
    }
    await this.db.execute({
      sql: "UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?",
      args: [epochSeconds(), this.model, id],
    });
  }

  async destroy(id: string): Promise<void> {
    await this.db.execute({ sql: "DELETE FROM oidc_models WHERE model = ? AND id = ?", args: [this.model, id] });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.execute({
      sql: "DELETE FROM oidc_models WHERE model = ? AND grant_id = ?",
      args: [this.model, grantId],
    });
  }

  private async findWhere(condition: string, value: string): Promise<OidcPayload | undefined> {
    const result = await this.db.execute({
      sql: `SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND ${condition}`,
      args: [this.model, value],
    });
    const row = result.rows[0];
    if (!row) return undefined;
    const expiresAt = row.expires_at as number | null;
    if (expiresAt !== null && expiresAt <= epochSeconds()) return undefined;
    const payload = JSON.parse(row.payload as string) as OidcPayload;
    const consumedAt = row.consumed_at as number | null;
    return consumedAt === null ? payload : { ...payload, consumed: consumedAt };
  }
}

/** Removes rows whose lifetime has passed, so the file does not grow without bound. */
export async function purgeExpiredOidcModels(db: Database): Promise<void> {
  await db.execute({
    sql: "DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= ?",
    args: [epochSeconds()],
  });
}
