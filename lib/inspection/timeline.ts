import { recordedStateWords, stateOfFailureKind } from "@/lib/tokens/connection-state-words";

export const TIMELINE_KINDS = [
  "invitation",
  "consent",
  "refresh",
  "failure",
  "race",
  "call",
  "relink",
  "unlink",
  "state",
  "reveal",
  "other",
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  invitation: "Invitations",
  consent: "Consent",
  refresh: "Refreshes",
  failure: "Failures",
  race: "Race recoveries",
  call: "Sample calls",
  relink: "Relinks",
  unlink: "Unlinks",
  state: "State changes",
  reveal: "Reveals",
  other: "Other",
};

/**
 * How many entries the merchant page's server renders into the HTML. The timeline sits in a scroll box that
 * shows about eight; the rest are rendered in the browser once the page has hydrated, so that the server does
 * not spend a tenth of a millisecond per entry (measured) on markup nobody sees before scrolling.
 */
export const TIMELINE_SERVER_RENDERED_ENTRIES = 20;

export type TimelineEntry = {
  id: string;
  at: string;
  kind: TimelineKind;
  title: string;
  /** One line of non-secret detail: lineage generation, failure class, reason. */
  summary: string;
  actorLabel: string;
  outcome: "success" | "failure";
  /** The audit action this entry comes from; absent for entries derived from invitations or callback records. */
  action?: string;
};

export type TimelineAuditEvent = {
  id: string;
  occurredAt: string;
  action: string;
  actorLabel: string;
  outcome: string;
  details: string;
};

export type TimelineInvitation = {
  id: string;
  createdAt: string;
  createdByLabel: string;
  openedAt: string | null;
};

export type TimelineCallbackRecord = { id: string; receivedAt: string; outcome: string; failedCheck: string | null };

const KIND_BY_ACTION: Record<string, TimelineKind> = {
  "link.invited": "invitation",
  "link.relink_invited": "invitation",
  "link.started": "invitation",
  "link.resent": "invitation",
  "link.cancelled": "invitation",
  "link.consented": "consent",
  "link.relinked": "relink",
  "link.failed": "failure",
  "link.unlinked": "unlink",
  "link.unlink_failed": "failure",
  "token.refresh_started": "refresh",
  "token.refresh_not_sent": "refresh",
  "token.refreshed": "refresh",
  "token.refresh_failed": "failure",
  "token.race_recovered": "race",
  "token.state_changed": "state",
  "tokens.revealed": "reveal",
};

const TITLES: Record<string, string> = {
  "link.invited": "Consent link created",
  "link.relink_invited": "Relink link created",
  "link.started": "Merchant opened the consent link",
  "link.resent": "Consent link sent again; the old one revoked",
  "link.cancelled": "Consent link cancelled",
  "link.consented": "Merchant consented",
  "link.relinked": "Merchant relinked",
  "link.failed": "Link attempt failed",
  "link.unlinked": "Unlinked",
  "link.unlink_failed": "Unlink failed",
  "token.refresh_started": "Refresh sent to MobilePay",
  "token.refresh_not_sent": "Refresh given back unsent",
  "token.refreshed": "Tokens refreshed",
  "token.refresh_failed": "Refresh failed",
  "token.race_recovered": "Concurrent refresh recovered",
  "token.state_changed": "Connection state changed",
  "tokens.revealed": "Token revealed to staff",
};

export function timelineKindOf(action: string): TimelineKind {
  if (action.startsWith("call.")) return "call";
  return KIND_BY_ACTION[action] ?? "other";
}

export function parseDetails(details: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The token lifecycle names its fields in a few ways; the first one present wins. */
function firstOf(details: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = text(details[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The non-secret line shown under an entry. Fingerprints are fine; nothing else token-like is ever in details. */
export function summarize(action: string, details: Record<string, unknown>): string {
  const parts: string[] = [];
  const generation = firstOf(details, ["generation", "toVersion", "version"]);
  const failureClass = firstOf(details, ["class", "failureKind", "failureClass", "kind", "errorKind", "failedCheck"]);
  const reason = firstOf(details, ["reason", "oauthError", "error", "message"]);
  const trigger = firstOf(details, ["trigger"]);
  const from = firstOf(details, ["from", "previousState"]);
  const to = firstOf(details, ["to", "state"]);
  if (generation !== undefined) parts.push(`generation ${generation}`);
  // Staff read the badge words (Degraded, Relink needed), never the stored failure classes behind them.
  if (failureClass !== undefined) {
    parts.push(stateOfFailureKind(failureClass) ? `now ${recordedStateWords(failureClass)}` : `class ${failureClass}`);
  }
  if (from !== undefined && to !== undefined) parts.push(`${recordedStateWords(from)} → ${recordedStateWords(to)}`);
  const fingerprint = firstOf(details, ["refreshTokenFingerprint"]);
  if (fingerprint !== undefined) parts.push(`refresh token ${fingerprint}`);
  const token = firstOf(details, ["token"]);
  if (action === "tokens.revealed" && token !== undefined) parts.push(`${token} token`);
  const status = firstOf(details, ["status", "responseStatus"]);
  if (action.startsWith("call.") && status !== undefined) parts.push(`HTTP ${status}`);
  if (trigger !== undefined) parts.push(`trigger ${trigger}`);
  if (reason !== undefined) parts.push(reason);
  return parts.join(" · ");
}

function fromAuditEvent(event: TimelineAuditEvent): TimelineEntry {
  const details = parseDetails(event.details);
  const kind = timelineKindOf(event.action);
  return {
    id: `audit:${event.id}`,
    at: event.occurredAt,
    kind,
    title: TITLES[event.action] ?? (kind === "call" ? `Sample call ${event.action.slice(5)}` : event.action),
    summary: summarize(event.action, details),
    actorLabel: event.actorLabel,
    outcome: event.outcome === "failure" ? "failure" : "success",
    action: event.action,
  };
}

/**
 * One merchant's history, newest first. Audit events are the source; invitations and failed callback records fill
 * in what was recorded before the merchant existed (a first consent attempt has no merchant id yet).
 */
export function buildTimeline(input: {
  auditEvents: readonly TimelineAuditEvent[];
  invitations?: readonly TimelineInvitation[];
  callbackRecords?: readonly TimelineCallbackRecord[];
}): TimelineEntry[] {
  const entries = input.auditEvents.map(fromAuditEvent);
  const invitationsInAudit = new Set(
    input.auditEvents
      .filter((event) => event.action === "link.invited" || event.action === "link.relink_invited")
      .map((event) => text(parseDetails(event.details).invitationId))
      .filter((id): id is string => id !== undefined),
  );
  for (const invitation of input.invitations ?? []) {
    if (invitationsInAudit.has(invitation.id)) continue;
    entries.push({
      id: `invitation:${invitation.id}`,
      at: invitation.createdAt,
      kind: "invitation",
      title: "Consent link created",
      summary: invitation.openedAt ? "opened by the merchant" : "",
      actorLabel: invitation.createdByLabel,
      outcome: "success",
    });
  }
  for (const record of input.callbackRecords ?? []) {
    if (record.outcome === "passed") continue;
    entries.push({
      id: `callback:${record.id}`,
      at: record.receivedAt,
      kind: "failure",
      title: "Consent response refused",
      summary: record.failedCheck ? `class ${record.failedCheck}` : "",
      actorLabel: "authorization response",
      outcome: "failure",
    });
  }
  return entries.sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)));
}

export function filterTimeline(entries: readonly TimelineEntry[], kinds: ReadonlySet<TimelineKind>): TimelineEntry[] {
  return kinds.size === 0 ? [...entries] : entries.filter((entry) => kinds.has(entry.kind));
}
