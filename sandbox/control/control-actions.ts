import type { z } from "zod";

import type { ResolvedSandboxOptions } from "../config/sandbox-options";
import type { FaultState } from "../faults/fault-state";
import type { TokenEndpointCounters } from "../faults/token-endpoint-counters";
import type { SigningKeyStore } from "../keys/signing-key-store";
import type { AccessTokenLedger } from "../oidc/access-token-ledger";
import type { MerchantGrants } from "../oidc/merchant-grants";
import { revokeGrant } from "../oidc/revoke-grant";
import type { SandboxProvider } from "../oidc/sandbox-provider";
import type { PortalDirectory } from "../portal/portal-directory";
import type {
  ZBadIdTokenSchema,
  ZBadTokenEndpointIdTokenSchema,
  ZClockSkewSchema,
  ZLatencySchema,
  ZRefreshAnswerFaultSchema,
  ZRevokeGrantsSchema,
  ZSettingsSchema,
  ZTokenEndpointFaultSchema,
} from "./control-schemas";

export interface CallbackOverview {
  summary(): Promise<Record<string, unknown>>;
  flush(): Promise<void>;
}

export interface ControlActionDependencies {
  options: ResolvedSandboxOptions;
  faults: FaultState;
  counters: TokenEndpointCounters;
  keyStore: SigningKeyStore;
  oidc: SandboxProvider;
  merchantGrants: MerchantGrants;
  accessTokenLedger: AccessTokenLedger;
  directory: PortalDirectory;
  callbacks: CallbackOverview;
  subscriptions: { executePendingPayments(merchantId: string | undefined): Promise<number> };
}

/** What the control API and the control page can do; both validate input and then call these. */
export class ControlActions {
  constructor(private readonly deps: ControlActionDependencies) {}

  async state(): Promise<Record<string, unknown>> {
    const { options, faults, counters, keyStore, merchantGrants, callbacks } = this.deps;
    return {
      issuer: options.issuer,
      publicUrl: options.publicUrl,
      clients: options.clients.map((client) => ({
        clientId: client.clientId,
        refreshTokenUsage: client.refreshTokenUsage,
        redirectUris: client.redirectUris,
      })),
      tokenEndpoint: counters.snapshot(),
      faults: {
        tokenEndpoint: faults.tokenEndpointFault,
        latency: faults.latency,
        clockSkewSeconds: faults.clockSkewSeconds,
        pendingBadIdToken: faults.pendingBadIdToken,
        pendingBadTokenEndpointIdToken: faults.pendingBadTokenEndpointIdToken,
        pendingRefreshAnswerFault: faults.pendingRefreshAnswerFault,
        answersHeld: faults.answersHeld,
        rejectRevokedAccessTokensInstantly: faults.rejectRevokedAccessTokensInstantly,
        staleRefreshTokenRevokesGrant: faults.staleRefreshTokenRevokesGrant,
        outage: faults.outage,
      },
      signingKeys: keyStore.summaries(),
      grants: await merchantGrants.all(),
      callbacks: await callbacks.summary(),
    };
  }

  setTokenEndpointFault(input: z.infer<typeof ZTokenEndpointFaultSchema>): void {
    this.deps.faults.tokenEndpointFault = { mode: input.mode, remaining: input.count, status: input.status };
  }

  /** Makes the sandbox unreachable (connections dropped unanswered) until switched off; the control API stays up. */
  setOutage(on: boolean): void {
    this.deps.faults.outage = on;
  }

  clearTokenEndpointFault(): void {
    this.deps.faults.tokenEndpointFault = null;
  }

  setLatency(input: z.infer<typeof ZLatencySchema>): void {
    this.deps.faults.latency = input;
  }

  setClockSkew(input: z.infer<typeof ZClockSkewSchema>): void {
    this.deps.faults.clockSkewSeconds = input.skewSeconds;
  }

  armBadIdToken(input: z.infer<typeof ZBadIdTokenSchema>): void {
    this.deps.faults.pendingBadIdToken = { kind: input.kind, clientId: input.clientId ?? null };
  }

  armBadTokenEndpointIdToken(input: z.infer<typeof ZBadTokenEndpointIdTokenSchema>): void {
    this.deps.faults.pendingBadTokenEndpointIdToken = { kind: input.kind, clientId: input.clientId ?? null };
  }

  armRefreshAnswerFault(input: z.infer<typeof ZRefreshAnswerFaultSchema>): void {
    this.deps.faults.pendingRefreshAnswerFault = {
      kind: input.kind,
      clientId: input.clientId ?? null,
      remaining: input.count,
    };
  }

  updateSettings(input: z.infer<typeof ZSettingsSchema>): void {
    const { faults } = this.deps;
    if (input.rejectRevokedAccessTokensInstantly !== undefined) {
      faults.rejectRevokedAccessTokensInstantly = input.rejectRevokedAccessTokensInstantly;
    }
    if (input.staleRefreshTokenRevokesGrant !== undefined)
      faults.staleRefreshTokenRevokesGrant = input.staleRefreshTokenRevokesGrant;
  }

  async rotateSigningKeys(): Promise<{ previousKid: string; activeKid: string }> {
    const rotated = await this.deps.keyStore.rotate();
    this.deps.oidc.rebuild();
    return rotated;
  }

  /** Returns how many unexpired access tokens the merchant had; all of them stop working now. */
  async expireMerchantAccessTokens(
    merchantId: string,
  ): Promise<{ merchantId: string; expiredTokens: number } | undefined> {
    if (!this.deps.directory.merchantById(merchantId)) return undefined;
    const expiredTokens = await this.deps.accessTokenLedger.expireMerchantTokensNow(merchantId);
    return { merchantId, expiredTokens };
  }

  async revokeGrants(input: z.infer<typeof ZRevokeGrantsSchema>): Promise<{ revokedGrantIds: string[] }> {
    const { merchantGrants, oidc } = this.deps;
    const matching = (await merchantGrants.all()).filter(
      (grant) =>
        grant.revokedAt === null &&
        (input.grantId === undefined || grant.grantId === input.grantId) &&
        (input.merchantId === undefined || grant.merchantId === input.merchantId) &&
        (input.clientId === undefined || grant.clientId === input.clientId),
    );
    for (const grant of matching) await revokeGrant(oidc.provider, merchantGrants, grant.grantId, "control");
    return { revokedGrantIds: matching.map((grant) => grant.grantId) };
  }

  /** Stands in for "the due date came": MobilePay executes recurring payments on their due date. */
  async executePendingPayments(merchantId: string | undefined): Promise<{ executedPayments: number }> {
    return { executedPayments: await this.deps.subscriptions.executePendingPayments(merchantId) };
  }

  async flushCallbacks(): Promise<void> {
    await this.deps.callbacks.flush();
  }

  reset(): void {
    this.deps.faults.reset();
    this.deps.counters.reset();
  }
}
