import Link from "next/link";

import { Button, buttonClassName } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { TAuditFilters } from "@/lib/audit/audit-filter-schemas";

const TYPES = [
  { value: "link.", label: "Linking (link.*)" },
  { value: "token.", label: "Token lifecycle (token.*)" },
  { value: "call.", label: "Sample calls (call.*)" },
  { value: "tokens.revealed", label: "Token reveals" },
  { value: "staff.", label: "Staff (staff.*)" },
  { value: "keys.", label: "Encryption keys (keys.*)" },
  { value: "audit.", label: "Audit exports (audit.*)" },
];

function dateValue(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and bookmarked. */
export function AuditFilters({
  filters,
  environments,
  exportHref,
}: {
  filters: TAuditFilters;
  environments: { id: string; label: string }[];
  exportHref: string | null;
}) {
  const knownType = TYPES.some((type) => type.value === filters.type);
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter the audit log"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Merchant id</span>
        <Input name="merchant" defaultValue={filters.merchant ?? ""} className="w-48 font-mono text-xs" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Actor</span>
        <Input name="actor" defaultValue={filters.actor ?? ""} placeholder="email or label" className="w-48" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Type</span>
        <Select name="type" defaultValue={filters.type ?? ""} className="w-52">
          <option value="">All</option>
          {TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
          {filters.type && !knownType ? <option value={filters.type}>{filters.type}</option> : null}
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Environment</span>
        <Select name="environment" defaultValue={filters.environment ?? ""} className="w-44">
          <option value="">All</option>
          {environments.map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.label}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">From (UTC)</span>
        <Input type="datetime-local" name="from" defaultValue={dateValue(filters.from)} className="w-52" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">To (UTC)</span>
        <Input type="datetime-local" name="to" defaultValue={dateValue(filters.to)} className="w-52" />
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      <Link href="/audit" className={buttonClassName("ghost")}>
        Clear
      </Link>
      {exportHref ? (
        <a href={exportHref} className={buttonClassName("secondary")} download>
          Export CSV
        </a>
      ) : null}
    </form>
  );
}
