/** Idempotent DDL: applied on every start so a data directory from an older sandbox keeps working. */
export const SCHEMA_STATEMENTS: string[] = [
  `CREATE TABLE IF NOT EXISTS oidc_models (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    expires_at INTEGER,
    consumed_at INTEGER,
    PRIMARY KEY (model, id)
  )`,
  `CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (grant_id)`,
  `CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (model, uid)`,
  `CREATE TABLE IF NOT EXISTS seen_nonces (
    client_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, nonce)
  )`,
  `CREATE TABLE IF NOT EXISTS merchant_grants (
    grant_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS issued_access_tokens (
    jti TEXT PRIMARY KEY,
    grant_id TEXT,
    client_id TEXT NOT NULL,
    merchant_id TEXT,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS merchant_token_cutoffs (
    merchant_id TEXT PRIMARY KEY,
    not_before INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS portal_sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS api_records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    parent_id TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
  )`,
  `CREATE INDEX IF NOT EXISTS api_records_parent ON api_records (kind, parent_id)`,
  `CREATE INDEX IF NOT EXISTS api_records_merchant ON api_records (kind, merchant_id)`,
  `CREATE TABLE IF NOT EXISTS callback_deliveries (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    url TEXT NOT NULL,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    last_status INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS callback_deliveries_due ON callback_deliveries (state, next_attempt_at)`,
];
