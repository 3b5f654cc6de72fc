import { camelizeKeys } from "@/lib/mobilepay/api/camelize-keys";

type Highlight = { label: string; value: string; href?: boolean };

function parse(body: string | null): unknown {
  if (!body) return undefined;
  try {
    return camelizeKeys(JSON.parse(body));
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
}

function linkHref(value: unknown, rel: string): string | undefined {
  const links = field(value, "links");
  if (!Array.isArray(links)) return undefined;
  const link = links.find((candidate) => text(field(candidate, "rel"))?.toLowerCase() === rel);
  return text(field(link, "href"));
}

/**
 * The few values worth seeing at a glance in an answer (ids, statuses, the
 * user-redirect link), read from the stored body so history rows show them too.
 */
export function callHighlights(responseBody: string | null): Highlight[] {
  const body = parse(responseBody);
  const highlights: Highlight[] = [];
  const push = (label: string, value: string | undefined, href = false) => {
    if (value !== undefined) highlights.push(href ? { label, value, href } : { label, value });
  };
  const first = Array.isArray(body) ? body[0] : body;
  push("Invoice id", text(field(first, "invoiceId")));
  push("Status", text(field(first, "status")) ?? text(field(first, "invoicePaymentStatus")));
  push("Merchant id", text(field(first, "merchantId")));
  push("User-redirect link", linkHref(first, "user-redirect"), true);
  push("MobilePay link", linkHref(first, "mobile-pay"), true);
  if (!field(first, "invoiceId")) push("Id", text(field(first, "id")));
  push("One-off payment id", text(field(first, "one_off_payment_id")));
  const pending = field(first, "pending_payments");
  if (Array.isArray(pending)) push("Payment id", text(field(pending[0], "payment_id")));
  const rejected = field(first, "rejected_payments");
  if (Array.isArray(rejected) && rejected.length > 0) push("Rejected", text(field(rejected[0], "error_description")));
  return highlights;
}
