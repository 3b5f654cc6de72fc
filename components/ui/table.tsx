import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

import { cn } from "@/lib/class-names";

export function Table({ children, label }: { children: ReactNode; label: string }) {
  return (
    // A table wider than the screen scrolls inside this box; the page itself never scrolls sideways. The box is
    // a named, focusable region so a keyboard can scroll it too, and positioned so that visually hidden
    // (absolutely placed) header text is clipped with the rest instead of widening the page.
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative max-w-full min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "bg-slate-50 px-4 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-2 align-top text-slate-800", className)} {...props} />;
}
