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
  if (outcome === "unreachable") {
    return (
      <div className="text-center">
        <h1 className="text-xl font-semibold text-slate-900">MobilePay could not be reached just now</h1>
        <p className="mt-2 text-sm text-slate-600">
          Nothing was changed, and your link still works. This is usually over within a few minutes.
        </p>
        <h2 className="mt-5 text-sm font-semibold text-slate-900">What to do</h2>
        <p className="mt-1 text-sm text-slate-600">
          Open the link you were sent again in a few minutes and press &quot;Continue to MobilePay&quot;.
        </p>
        <h2 className="mt-5 text-sm font-semibold text-slate-900">Who to contact</h2>
        <p className="mt-1 text-sm text-slate-600">
          If it keeps happening, contact the company that sent you the link. They have been told what went wrong and
          when, so you do not need to explain more than that it did not work.
        </p>
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
