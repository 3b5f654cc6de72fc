import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ConnectionState } from "@/lib/tokens/connection-state";
import { CONNECTION_STATE_WORDS } from "@/lib/tokens/connection-state-words";

export const CONNECTION_STATE_LABELS: Record<ConnectionState, { label: string; tone: BadgeTone; meaning: string }> = {
  active: { label: CONNECTION_STATE_WORDS.active, tone: "success", meaning: "Tokens are valid." },
  expiring: {
    label: CONNECTION_STATE_WORDS.expiring,
    tone: "info",
    meaning: "The 5-minute access token is about to expire or has; it is refreshed on the next use.",
  },
  refreshing: { label: CONNECTION_STATE_WORDS.refreshing, tone: "info", meaning: "A refresh is in progress." },
  interrupted: {
    label: CONNECTION_STATE_WORDS.interrupted,
    tone: "warning",
    meaning:
      "A refresh stopped before its result was stored (the console stopped mid-refresh). The keep-alive checks the link within one keep-alive period: it recovers it, or says why it needs relinking.",
  },
  degraded: {
    label: CONNECTION_STATE_WORDS.degraded,
    tone: "warning",
    meaning: "The last refresh failed for a temporary reason (timeout, 5xx); the tokens are kept and retried.",
  },
  relink_needed: {
    label: CONNECTION_STATE_WORDS.relink_needed,
    tone: "danger",
    meaning:
      "MobilePay refused the refresh token: consent was likely withdrawn. The console makes no calls for this merchant until it consents again (relink).",
  },
  revoked: {
    label: CONNECTION_STATE_WORDS.revoked,
    tone: "neutral",
    meaning: "Staff unlinked this merchant; its tokens were revoked and deleted.",
  },
  never_used: {
    label: CONNECTION_STATE_WORDS.never_used,
    tone: "neutral",
    meaning: "The merchant has not completed consent yet.",
  },
};

export function ConnectionStateBadge({ state }: { state: ConnectionState }) {
  const { label, tone, meaning } = CONNECTION_STATE_LABELS[state];
  return (
    <span title={meaning}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
