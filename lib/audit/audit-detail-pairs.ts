/** One fact of an audit event's details, as a person reads it. */
export type AuditDetailPair = { label: string; value: string };

/** Past this many characters a value is cut in the one-line preview; the expanded list shows it whole. */
const PREVIEW_VALUE_LENGTH = 40;
const PREVIEW_PAIRS = 2;

/** "limitsCleared" → "limits cleared", "refresh_token_fingerprint" → "refresh token fingerprint". */
export function detailLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) {
    return value.length === 0 ? "(none)" : value.map(valueText).join(", ");
  }
  return JSON.stringify(value);
}

function collect(value: unknown, path: string[], into: AuditDetailPair[]): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && path.length > 0)
      into.push({ label: path.map(detailLabel).join(" › "), value: "(none)" });
    for (const [key, inner] of entries) collect(inner, [...path, key], into);
    return;
  }
  into.push({ label: path.length > 0 ? path.map(detailLabel).join(" › ") : "details", value: valueText(value) });
}

/**
 * An audit event's details (stored as JSON) as label/value pairs; nested objects become "outer › inner"
 * labels. Details that are not JSON are shown as they are, under one label.
 */
export function auditDetailPairs(details: string): AuditDetailPair[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details.trim() === "" ? [] : [{ label: "details", value: details }];
  }
  const pairs: AuditDetailPair[] = [];
  collect(parsed, [], pairs);
  return pairs;
}

/** Cut at the last word boundary that fits, so a preview never ends mid-word (unless one word is too long). */
function shortened(value: string): string {
  if (value.length <= PREVIEW_VALUE_LENGTH) return value;
  const cut = value.slice(0, PREVIEW_VALUE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > PREVIEW_VALUE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** The first pairs in one short line, for a table cell that expands to show all. */
export function auditDetailPreview(pairs: AuditDetailPair[]): string {
  return pairs
    .slice(0, PREVIEW_PAIRS)
    .map(({ label, value }) => {
      return `${label}: ${shortened(value)}`;
    })
    .join(" · ");
}
