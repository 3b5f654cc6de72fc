import type { Database } from "../storage/database";
import { epochSeconds } from "../storage/database";

/**
 * "We invalidate a nonce once our back-end has received it, so next time we get a request with the
 * same nonce, we then reject it." Nonces are remembered per client for good.
 */
export class NonceLedger {
  constructor(private readonly db: Database) {}

  /** Returns false when the nonce was seen before. */
  async registerFirstUse(clientId: string, nonce: string): Promise<boolean> {
    const result = await this.db.execute({
      sql: "INSERT INTO seen_nonces (client_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      args: [clientId, nonce, epochSeconds()],
    });
    return result.rowsAffected === 1;
  }
}
