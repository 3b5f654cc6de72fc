"use client";

import { useEffect, useRef, useState } from "react";

import type { LiveQueryOptions, LiveQueryState } from "@/components/live/live-query-client";

/**
 * TanStack Query drives the polling views, but nothing it does is needed to paint or hydrate them: the page is
 * rendered with the server's data (or a "reading…" state), and the query client arrives in a chunk of its own
 * right after hydration. Pages that do not poll never load it.
 */
const loadQueryClient = () => import("@/components/live/live-query-client");

export function useLiveQuery<T>(options: LiveQueryOptions<T>): LiveQueryState<T> {
  const [state, setState] = useState<LiveQueryState<T>>(() =>
    options.initialData === undefined
      ? { data: undefined, status: "pending" }
      : { data: options.initialData, status: "success" },
  );
  // The observer outlives renders; it reads the newest options through this ref.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const queryHash = JSON.stringify(options.queryKey);
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let stopped = false;
    void loadQueryClient().then(({ observeQuery }) => {
      if (stopped) return;
      unsubscribe = observeQuery({ ...latest.current, queryFn: () => latest.current.queryFn() }, setState);
    });
    return () => {
      stopped = true;
      unsubscribe?.();
    };
  }, [queryHash]);
  return state;
}

/** Asks the live views showing this query to poll now, e.g. after a change the user just made. */
export async function invalidateLiveQuery(queryKey: LiveQueryOptions<unknown>["queryKey"]): Promise<void> {
  const { invalidateQuery } = await loadQueryClient();
  await invalidateQuery(queryKey);
}
