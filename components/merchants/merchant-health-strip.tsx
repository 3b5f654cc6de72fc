import Link from "next/link";

import { CONNECTION_STATE_LABELS } from "@/components/merchants/connection-state-badge";
import { cn } from "@/lib/class-names";
import { filterValueOf, type MerchantListState } from "@/lib/merchants/merchant-list-states";
import type { ConnectionState } from "@/lib/tokens/connection-state";

/** Always shown, so staff see at a glance that nothing needs them; the passing states only when they occur. */
const ALWAYS_SHOWN: ConnectionState[] = ["active", "expiring", "degraded", "relink_needed", "revoked", "never_used"];
const SHOWN_WHEN_PRESENT: ConnectionState[] = ["refreshing", "interrupted"];

const PHRASES: Record<ConnectionState, (count: number) => string> = {
  active: (count) => `${count} active`,
  expiring: (count) => `${count} expiring`,
  refreshing: (count) => `${count} refreshing`,
  interrupted: (count) => `${count} being checked`,
  degraded: (count) => `${count} degraded`,
  relink_needed: (count) => `${count} ${count === 1 ? "needs" : "need"} relinking`,
  revoked: (count) => `${count} unlinked`,
  never_used: (count) => `${count} not linked yet`,
};

const TONES: Record<string, string> = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  info: "border-blue-200 bg-blue-50 text-blue-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
  neutral: "border-slate-200 bg-white text-slate-700",
};

/** How many merchants are in each state; each count opens the list filtered to that state. */
export function MerchantHealthStrip({
  counts,
  selected,
  hrefFor,
}: {
  counts: Record<ConnectionState, number>;
  selected: MerchantListState | undefined;
  hrefFor: (state: MerchantListState | undefined) => string;
}) {
  const states = [...ALWAYS_SHOWN, ...SHOWN_WHEN_PRESENT.filter((state) => counts[state] > 0)];
  return (
    <nav aria-label="Merchants by state">
      <ul className="flex flex-wrap gap-2">
        {states.map((state) => {
          const value = filterValueOf(state);
          const current = selected === value;
          const count = counts[state];
          return (
            <li key={state}>
              <Link
                href={current ? hrefFor(undefined) : hrefFor(value)}
                aria-current={current ? "true" : undefined}
                data-state={state}
                className={cn(
                  "inline-block rounded-md border px-3 py-1.5 text-sm",
                  count > 0 ? TONES[CONNECTION_STATE_LABELS[state].tone] : TONES.neutral,
                  count === 0 && "text-slate-500",
                  current && "ring-2 ring-blue-600",
                )}
              >
                {PHRASES[state](count)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
