import { QueryClient, QueryObserver, type QueryKey } from "@tanstack/react-query";

import { ApiError } from "@/lib/http/api-client";

export type LiveQueryOptions<T> = {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  /** The answer the server rendered the page with, if any; shown until the first poll. */
  initialData?: T;
  refetchInterval: number;
  retry?: boolean;
};

export type LiveQueryState<T> = { data: T | undefined; status: "pending" | "error" | "success" };

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A 401/403 will not fix itself by asking again.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && (error.status === 401 || error.status === 403)) && failureCount < 2,
    },
  },
});
// What QueryClientProvider would do on mount: refetch when the window regains focus or the network returns.
queryClient.mount();

/** Keeps one query polled for as long as the caller stays subscribed. */
export function observeQuery<T>(
  options: LiveQueryOptions<T>,
  onChange: (state: LiveQueryState<T>) => void,
): () => void {
  // The server's answer is newer than what an earlier visit left in the cache, so it takes that place.
  if (options.initialData !== undefined) queryClient.setQueryData(options.queryKey, options.initialData);
  const observer = new QueryObserver<T, Error, T, T, QueryKey>(queryClient, options);
  const publish = ({ data, status }: { data: T | undefined; status: LiveQueryState<T>["status"] }) =>
    onChange({ data, status });
  const unsubscribe = observer.subscribe(publish);
  publish(observer.getCurrentResult());
  return unsubscribe;
}

export function invalidateQuery(queryKey: QueryKey): Promise<void> {
  return queryClient.invalidateQueries({ queryKey });
}
