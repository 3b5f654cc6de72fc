// In a route group of its own, so the skeleton wraps only the list: the pages beside it refuse with a real status.
import { Skeleton } from "@/components/ui/skeleton";

export default function MerchantsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading merchants">
      <Skeleton className="mb-2 h-8 w-40" />
      <Skeleton className="mb-6 h-4 w-80" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: 8 }, (_, row) => (
          <Skeleton key={row} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
