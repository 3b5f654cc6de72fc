/**
 * The built-in sandbox's switches a salesperson flips during the demo, each one a request to the sandbox's control
 * API that the console sends on the server (the control token never reaches a browser). Plain data, so the demo
 * page can list them.
 */
export const SANDBOX_SWITCHES = {
  "refresh-fails-once": {
    label: "MobilePay fails once",
    explains: "MobilePay's token endpoint answers the next refresh with HTTP 503: the link turns Degraded.",
    request: { method: "POST", path: "/control/token-endpoint/fault", body: { mode: "server-error", count: 1 } },
  },
  "refresh-refused-once": {
    label: "MobilePay refuses the next refresh",
    explains: "As when a merchant withdraws consent: the next refresh is refused and the link needs relinking.",
    request: { method: "POST", path: "/control/token-endpoint/fault", body: { mode: "invalid-grant", count: 1 } },
  },
  "outage-start": {
    label: "Take MobilePay down",
    explains: "Every request to the sandbox is dropped, as if MobilePay were unreachable. Merchants get a calm page.",
    request: { method: "POST", path: "/control/outage" },
  },
  "outage-end": {
    label: "Bring MobilePay back",
    explains: "Ends the outage.",
    request: { method: "DELETE", path: "/control/outage" },
  },
  reset: {
    label: "Reset the sandbox's switches",
    explains: "Clears every fault, the outage and the counters. Merchants, grants and tokens stay.",
    request: { method: "POST", path: "/control/reset" },
  },
} as const satisfies Record<
  string,
  { label: string; explains: string; request: { method: string; path: string; body?: Record<string, unknown> } }
>;

export type SandboxSwitch = keyof typeof SANDBOX_SWITCHES;
export const SANDBOX_SWITCH_NAMES = Object.keys(SANDBOX_SWITCHES) as SandboxSwitch[];
