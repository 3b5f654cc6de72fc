"use client";

import { lazy, Suspense, useState } from "react";

import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";

// Few visitors of a merchant page reveal a token: the form, its second-factor steps and texts load when an admin
// opens the panel, not with the page.
const RevealTokenForm = lazy(() =>
  import("@/components/inspection/reveal-token-form").then((module) => ({ default: module.RevealTokenForm })),
);

/**
 * The admin's folded "Reveal a token" panel; once opened, the form stays mounted so a shown value is not lost.
 * It appears once React owns it: its section hydrates from a chunk of its own, and a panel opened before that
 * would never learn that it was opened.
 */
export function RevealTokenDetails({ merchantId }: { merchantId: string }) {
  const hydrated = useHydrated();
  const [opened, setOpened] = useState(false);
  if (!hydrated) return null;
  return (
    <details
      className="rounded-md border border-slate-200 p-3"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer text-sm font-medium">Reveal a token (admin)</summary>
      <div className="mt-3 max-w-lg">
        {opened ? (
          <Suspense fallback={<Skeleton className="h-32 w-full" />}>
            <RevealTokenForm merchantId={merchantId} />
          </Suspense>
        ) : null}
      </div>
    </details>
  );
}
