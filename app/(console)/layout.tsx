import Link from "next/link";
import type { ReactNode } from "react";

import { CollapsibleMenu } from "@/components/console/collapsible-menu";
import { ConsoleNav } from "@/components/console/console-nav";
import { navigationFor } from "@/components/console/navigation-items";
import { SignOutButton } from "@/components/console/sign-out-button";
import { SkipLink } from "@/components/console/skip-link";
import { Badge } from "@/components/ui/badge";
import { LocalTimeUpgrader } from "@/components/ui/local-time-upgrader";
import { requirePagePermission } from "@/lib/auth/require-role";
import { ROLE_LABELS } from "@/lib/auth/roles";

const MAIN_ID = "main-content";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const staff = await requirePagePermission();
  return (
    <div className="min-h-screen">
      <SkipLink target={MAIN_ID} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
          <Link href="/merchants" className="flex items-center gap-2 font-semibold text-slate-900">
            <span
              aria-hidden="true"
              className="flex h-7 w-7 items-center justify-center rounded-md bg-blue-600 text-sm text-white"
            >
              M
            </span>
            Link Console
          </Link>
          <CollapsibleMenu>
            <ConsoleNav items={navigationFor(staff.role)} />
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="text-slate-600" data-testid="current-staff">
                <bdi>{staff.name}</bdi>
              </span>
              <Badge tone="info">{ROLE_LABELS[staff.role]}</Badge>
              <Link href="/account" className="text-slate-600 hover:text-slate-900">
                Account
              </Link>
              <Link href="/second-factor" className="text-slate-600 hover:text-slate-900">
                Security
              </Link>
              <SignOutButton />
            </div>
          </CollapsibleMenu>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
        {children}
      </main>
      <LocalTimeUpgrader />
    </div>
  );
}
