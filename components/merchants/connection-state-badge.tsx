import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ConnectionState } from "@/lib/tokens/connection-state";

export const CONNECTION_STATE_LABELS: Record<ConnectionState, { label: string; tone: BadgeTone; meaning: string }> = {
  active: { label: "Active", tone: "success", meaning: "Tokens are valid." },
  expiring: {
    label: "Expiring",
    tone: "info",
    meaning: "The 5-minute access token is about to expire or has; it is refreshed on the next use.",
  },
  refreshing: { label: "Refreshing", tone: "info", meaning: "A refresh is in progress." },
  interrupted: {
    label: "Being checked",
    tone: "warning",
    meaning:
      "A refresh stopped before its result was stored (the console stopped mid-refresh). The keep-alive checks the link within one keep-alive period: it recovers it, or says why it needs relinking.",
  },
  degraded: {
    label: "Degraded",
    tone: "warning",
    meaning: "The last refresh failed for a temporary reason (timeout, 5xx); the tokens are kept and retried.",
  },
  relink_needed: {
    label: "Relink needed",
    tone: "danger",
    meaning:
      "MobilePay refused the refresh token: consent was likely withdrawn. The current access token may work for up to 5 minutes.",
  },
  revoked: {
    label: "Unlinked",
    tone: "neutral",
    meaning: "Staff unlinked this merchant; its tokens were revoked and deleted.",
  },
  never_used: { label: "Not linked", tone: "neutral", meaning: "The merchant has not completed consent yet." },
};

export function ConnectionStateBadge({ state }: { state: ConnectionState }) {
  const { label, tone, meaning } = CONNECTION_STATE_LABELS[state];
  return (
    <span title={meaning}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
