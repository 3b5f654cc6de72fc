import { z } from "zod";

/** The filters of the audit log and its export, all optional. `type` is an action prefix, e.g. `link.` or `token.refreshed`. */
export type TAuditFilters = {
  merchant?: string;
  actor?: string;
  type?: string;
  environment?: string;
  from?: Date;
  to?: Date;
};

export type AuditCursor = { occurredAt: Date; id: string };

export type FilterProblem = { field: string; message: string };

const MAX_RANGE_YEARS = 20;

/** `<input type="datetime-local">` sends no zone; those are read as UTC so a link means the same to everyone. */
const ZDateSchema = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    "Use a date like 2025-01-31 or 2025-01-31T14:00.",
  )
  .transform((value, ctx) => {
    const normalized = /T.*(Z|[+-]\d{2}:\d{2})$/.test(value)
      ? value
      : value.includes("T")
        ? `${value}Z`
        : `${value}T00:00:00Z`;
    const date = new Date(normalized);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a real date." });
      return z.NEVER;
    }
    return date;
  });

export const AUDIT_FILTER_FIELDS = {
  merchant: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "A merchant id has letters, digits, - and _ only."),
  actor: z.string().trim().min(1).max(200, "Keep the actor under 200 characters."),
  type: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{0,99}$/, "An action type looks like link. or token.refreshed (lower case)."),
  environment: z.enum(["sandbox", "test", "production"], "Choose sandbox, test or production."),
  from: ZDateSchema,
  to: ZDateSchema,
} as const;

type Raw = Record<string, string | string[] | undefined>;

function single(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text;
}

/**
 * Validates every filter on its own. The audit page ignores an invalid filter and says so; the export refuses the
 * request instead (it must never hand out more than was asked for).
 */
export function parseAuditFilters(raw: Raw): { filters: TAuditFilters; problems: FilterProblem[] } {
  const filters: TAuditFilters = {};
  const problems: FilterProblem[] = [];
  for (const [field, schema] of Object.entries(AUDIT_FILTER_FIELDS)) {
    const value = single(raw, field);
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      (filters as Record<string, unknown>)[field] = parsed.data;
    } else {
      problems.push({ field, message: parsed.error.issues[0]?.message ?? "Invalid value." });
    }
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    problems.push({ field: "to", message: "The end of the time range is before its start." });
    delete filters.from;
    delete filters.to;
  }
  const now = Date.now();
  for (const field of ["from", "to"] as const) {
    const date = filters[field];
    if (date && Math.abs(date.getTime() - now) > MAX_RANGE_YEARS * 365 * 86_400_000) {
      problems.push({ field, message: `Stay within ${MAX_RANGE_YEARS} years of today.` });
      delete filters[field];
    }
  }
  return { filters, problems };
}

/** Opaque to the browser, but only a time and an id: nothing a tampered cursor could use beyond paging. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | undefined): AuditCursor | undefined {
  if (!value || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  const [iso, id, extra] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!iso || !id || extra !== undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
  const occurredAt = new Date(iso);
  return Number.isNaN(occurredAt.getTime()) ? undefined : { occurredAt, id };
}

/**
 * The smallest string above every string with this prefix, so "starts with" becomes a range the
 * (action, occurredAt) index can seek on, on SQLite and PostgreSQL alike (LIKE 'x%' cannot, by default).
 */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}

/** The filters back as query parameters, for pagination and export links. */
export function filtersToSearchParams(filters: TAuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(filters)) {
    if (value instanceof Date) params.set(field, value.toISOString());
    else if (typeof value === "string") params.set(field, value);
  }
  return params;
}
