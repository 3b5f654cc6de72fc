import { Skeleton } from "@/components/ui/skeleton";

export default function SampleCallsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading sample calls">
      <Skeleton className="mb-2 h-8 w-72" />
      <Skeleton className="mb-6 h-4 w-80" />
      <div className="grid gap-6 lg:grid-cols-2">
        {[0, 1].map((card) => (
          <div key={card} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
            <Skeleton className="h-5 w-40" />
            {Array.from({ length: 6 }, (_, row) => (
              <Skeleton key={row} className="h-9 w-full" />
            ))}
          </div>
        ))}
      </div>
      <div className="mt-6 space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: 5 }, (_, row) => (
          <Skeleton key={row} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
