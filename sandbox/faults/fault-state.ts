import type { BadIdTokenKind, BadTokenEndpointIdTokenKind } from "./bad-id-token-kinds";
import type { RefreshAnswerFaultKind } from "./refresh-answer-faults";

export type TokenEndpointFaultMode = "server-error" | "timeout" | "invalid-grant";

export interface TokenEndpointFault {
  mode: TokenEndpointFaultMode;
  remaining: number;
  /** HTTP status for "server-error". */
  status: number;
}

export type LatencyTarget = "token" | "api" | "all";

/**
 * The fault switches the control API flips. They live in memory on purpose: a restarted sandbox
 * comes back healthy, while grants, tokens and API data persist.
 */
export class FaultState {
  tokenEndpointFault: TokenEndpointFault | null = null;
  latency: { milliseconds: number; target: LatencyTarget } = { milliseconds: 0, target: "token" };
  clockSkewSeconds = 0;
  pendingBadIdToken: { kind: BadIdTokenKind; clientId: string | null } | null = null;
  pendingBadTokenEndpointIdToken: { kind: BadTokenEndpointIdTokenKind; clientId: string | null } | null = null;
  /** Off mirrors MobilePay: a revoked consent leaves issued access tokens valid until they expire. */
  rejectRevokedAccessTokensInstantly = false;
  staleRefreshTokenRevokesGrant = false;
  pendingRefreshAnswerFault: { kind: RefreshAnswerFaultKind; clientId: string | null; remaining: number } | null = null;
  /**
   * While on, every request but the control API's has its connection dropped unanswered: to a client the sandbox
   * is as unreachable as a MobilePay behind a broken network or a wrong URL.
   */
  outage = false;
  /** Refresh answers held back right now (fault "hold"), so a test can wait until its refresh is in the window. */
  answersHeld = 0;
  /** One decision per token request: the access token and the id_token of one answer must agree. */
  private readonly refreshAnswerDecisions = new WeakMap<object, RefreshAnswerFaultKind | null>();

  /**
   * The fault that applies to this refresh request, taken from the armed ones on first use and remembered
   * for the rest of the request.
   */
  refreshAnswerFaultFor(request: object, clientId: string): RefreshAnswerFaultKind | null {
    if (this.refreshAnswerDecisions.has(request)) return this.refreshAnswerDecisions.get(request) ?? null;
    const pending = this.pendingRefreshAnswerFault;
    let kind: RefreshAnswerFaultKind | null = null;
    if (pending && (pending.clientId === null || pending.clientId === clientId)) {
      kind = pending.kind;
      pending.remaining -= 1;
      if (pending.remaining <= 0) this.pendingRefreshAnswerFault = null;
    }
    this.refreshAnswerDecisions.set(request, kind);
    return kind;
  }

  /** Takes one unit of the token endpoint fault, if any is armed. */
  takeTokenEndpointFault(): TokenEndpointFault | null {
    const fault = this.tokenEndpointFault;
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.tokenEndpointFault = null;
    return fault;
  }

  takeBadIdToken(clientId: string): BadIdTokenKind | null {
    const pending = this.pendingBadIdToken;
    if (!pending || (pending.clientId !== null && pending.clientId !== clientId)) return null;
    this.pendingBadIdToken = null;
    return pending.kind;
  }

  takeBadTokenEndpointIdToken(clientId: string): BadTokenEndpointIdTokenKind | null {
    const pending = this.pendingBadTokenEndpointIdToken;
    if (!pending || (pending.clientId !== null && pending.clientId !== clientId)) return null;
    this.pendingBadTokenEndpointIdToken = null;
    return pending.kind;
  }

  latencyFor(target: Exclude<LatencyTarget, "all">): number {
    const { milliseconds, target: configured } = this.latency;
    return configured === "all" || configured === target ? milliseconds : 0;
  }

  skewedNowMs(): number {
    return Date.now() + this.clockSkewSeconds * 1000;
  }

  reset(): void {
    this.tokenEndpointFault = null;
    this.latency = { milliseconds: 0, target: "token" };
    this.clockSkewSeconds = 0;
    this.pendingBadIdToken = null;
    this.pendingBadTokenEndpointIdToken = null;
    this.rejectRevokedAccessTokensInstantly = false;
    this.staleRefreshTokenRevokesGrant = false;
    this.pendingRefreshAnswerFault = null;
    this.outage = false;
  }
}
