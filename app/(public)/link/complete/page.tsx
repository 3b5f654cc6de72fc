import type { Metadata } from "next";

export const metadata: Metadata = { title: "MobilePay connection" };

/** What the merchant sees after MobilePay: calm and generic; the specifics are for staff. */
export default async function LinkCompletePage({ searchParams }: { searchParams: Promise<{ outcome?: string }> }) {
  const { outcome } = await searchParams;
  if (outcome === "linked") {
    return (
      <div className="text-center">
        <div
          aria-hidden
          className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-emerald-50 text-2xl text-emerald-600"
        >
          ✓
        </div>
        <h1 className="text-xl font-semibold text-slate-900">You are connected</h1>
        <p className="mt-2 text-sm text-slate-500">Access was granted. You can close this window.</p>
      </div>
    );
  }
  return (
    <div className="text-center">
      <h1 className="text-xl font-semibold text-slate-900">The connection was not completed</h1>
      <p className="mt-2 text-sm text-slate-500">
        Nothing was changed. You can try the link again, or contact the company that sent it.
      </p>
    </div>
  );
}
