import { Fragment } from "react";

import { auditDetailPairs, auditDetailPreview } from "@/lib/audit/audit-detail-pairs";

/** An event's details as label/value pairs: the first two on one line, all of them on opening. */
export function AuditDetails({ details }: { details: string }) {
  const pairs = auditDetailPairs(details);
  if (pairs.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <details className="group" data-audit-details="">
      <summary className="cursor-pointer text-slate-600 group-open:text-slate-900 marker:text-slate-400">
        {auditDetailPreview(pairs)}
      </summary>
      <dl className="mt-2 grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-2">
        {/* Straight into the grid, without a wrapper per pair: the audit log renders 50 of these lists. */}
        {pairs.map(({ label, value }) => (
          <Fragment key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 wrap-break-word text-slate-900">{value}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
