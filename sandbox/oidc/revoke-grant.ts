import type { Provider } from "oidc-provider";

import type { MerchantGrants } from "./merchant-grants";

export type GrantRevoker = "portal" | "control" | "revocation-endpoint" | "code-replay";

/**
 * Ends a consent: its refresh tokens and unused codes disappear at once, so the next refresh gets
 * invalid_grant. Access tokens already issued are JWTs and keep working until they expire (unless
 * the instant-rejection switch is on), as MobilePay documents.
 */
export async function revokeGrant(
  provider: Provider,
  merchantGrants: MerchantGrants,
  grantId: string,
  revokedBy: GrantRevoker,
): Promise<void> {
  await Promise.all([
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.AccessToken.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
  await merchantGrants.markRevoked(grantId, revokedBy);
}
