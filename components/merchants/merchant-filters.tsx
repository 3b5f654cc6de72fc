import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { TMerchantListQuery } from "@/lib/merchants/merchant-list-schemas";
import { FILTER_STATE } from "@/lib/merchants/merchant-list-states";
import { CONNECTION_STATE_WORDS } from "@/lib/tokens/connection-state-words";

/** A plain GET form: filters live in the URL, so they can be shared and work without JavaScript. */
export function MerchantFilters({
  query,
  environments,
}: {
  query: TMerchantListQuery;
  environments: { id: string; label: string }[];
}) {
  return (
    <form method="get" action="/merchants" className="flex flex-wrap items-end gap-3" role="search">
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Search</span>
        <Input name="q" defaultValue={query.q ?? ""} placeholder="Name or VAT" className="w-56" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">Environment</span>
        <Select name="environment" defaultValue={query.environment ?? ""} className="w-48">
          <option value="">All</option>
          {environments.map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.label}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-slate-600">State</span>
        <Select name="state" defaultValue={query.state ?? ""} className="w-40">
          <option value="">All</option>
          {Object.entries(FILTER_STATE).map(([value, state]) => (
            <option key={value} value={value}>
              {state === "never_used" ? "Not linked yet" : CONNECTION_STATE_WORDS[state]}
            </option>
          ))}
          <option value="linked">Linked (any state)</option>
        </Select>
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
