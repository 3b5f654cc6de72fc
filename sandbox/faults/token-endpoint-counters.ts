export interface ClientTokenCounters {
  authorizationCodeRequests: number;
  authorizationCodesServed: number;
  refreshRequests: number;
  refreshesServed: number;
  failedRequests: number;
  injectedFaults: number;
}

function emptyCounters(): ClientTokenCounters {
  return {
    authorizationCodeRequests: 0,
    authorizationCodesServed: 0,
    refreshRequests: 0,
    refreshesServed: 0,
    failedRequests: 0,
    injectedFaults: 0,
  };
}

/** Per-client tallies of token endpoint traffic, so tests can assert e.g. "exactly one refresh". */
export class TokenEndpointCounters {
  private readonly byClient = new Map<string, ClientTokenCounters>();

  record(clientId: string, grantType: string | undefined, outcome: "served" | "failed" | "injected-fault"): void {
    const counters = this.byClient.get(clientId) ?? emptyCounters();
    if (grantType === "refresh_token") counters.refreshRequests += 1;
    if (grantType === "authorization_code") counters.authorizationCodeRequests += 1;
    if (outcome === "served" && grantType === "refresh_token") counters.refreshesServed += 1;
    if (outcome === "served" && grantType === "authorization_code") counters.authorizationCodesServed += 1;
    if (outcome === "failed") counters.failedRequests += 1;
    if (outcome === "injected-fault") counters.injectedFaults += 1;
    this.byClient.set(clientId, counters);
  }

  snapshot(): Record<string, ClientTokenCounters> {
    return Object.fromEntries([...this.byClient].map(([clientId, counters]) => [clientId, { ...counters }]));
  }

  reset(): void {
    this.byClient.clear();
  }
}
