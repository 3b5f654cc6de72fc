import type { NextRequest } from "next/server";

import { parseAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/http/staff-route";

const ALLOWED_PARAMETERS = new Set(["merchant", "actor", "type", "environment", "from", "to"]);

/**
 * GET /api/audit/export?type=link.&from=2025-01-01 — admins only (audit:export). staffRoute checks the permission
 * and answers errors as JSON; on success the CSV stream it produced is returned instead of JSON.
 */
export async function GET(request: NextRequest, context: { params: Promise<Record<string, never>> }) {
  let csv: ReadableStream<Uint8Array> | undefined;
  const guarded = staffRoute({ permission: "audit:export" }, async ({ request: checked, staff }) => {
    const raw = Object.fromEntries(checked.nextUrl.searchParams);
    const unknown = Object.keys(raw).filter((name) => !ALLOWED_PARAMETERS.has(name));
    const { filters, problems } = parseAuditFilters(raw);
    if (unknown.length > 0 || problems.length > 0) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "Some export filters are not valid.",
        fieldErrors: Object.fromEntries([
          ...problems.map((problem) => [problem.field, [problem.message]]),
          ...unknown.map((name) => [name, ["Not an export filter."]]),
        ]),
      });
    }
    csv = await exportAuditEvents({ filters, staff, visibleEnvironments: visibleEnvironmentIds(staff) });
    return null;
  });
  const response = await guarded(request, context);
  if (!csv || !response.ok) {
    response.headers.set("cache-control", "no-store");
    return response;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
