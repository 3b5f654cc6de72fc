import type { Metadata } from "next";

import { ReturnToIntegrator } from "@/components/links/return-to-integrator";
import { readConsentLinkReturn } from "@/lib/api/consent-link-return";

export const metadata: Metadata = { title: "MobilePay connection" };

function Connected() {
  return (
    <>
      <div
        aria-hidden
        className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-emerald-50 text-2xl text-emerald-600"
      >
        ✓
      </div>
      <h1 className="text-xl font-semibold text-slate-900">You are connected</h1>
    </>
  );
}

function NotCompleted() {
  return <h1 className="text-xl font-semibold text-slate-900">The connection was not completed</h1>;
}

/**
 * What the merchant sees after MobilePay: calm and generic; the specifics are for staff. A consent link an
 * integrator created with a return URL sends the merchant on to it, with the outcome read from the link itself.
 */
export default async function LinkCompletePage({
  searchParams,
}: {
  searchParams: Promise<{ outcome?: string; consent_link?: string }>;
}) {
  const { outcome, consent_link: consentLinkId } = await searchParams;
  const back = consentLinkId && consentLinkId.length <= 64 ? await readConsentLinkReturn(consentLinkId) : null;
  if (back) {
    return (
      <div className="text-center">
        {back.status === "consented" ? <Connected /> : <NotCompleted />}
        <p className="mt-2 text-sm text-slate-500">Taking you back to {back.host}…</p>
        <ReturnToIntegrator url={back.url} host={back.host} />
      </div>
    );
  }
  if (outcome === "linked") {
    return (
      <div className="text-center">
        <Connected />
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
      <NotCompleted />
      <p className="mt-2 text-sm text-slate-500">
        Nothing was changed. You can try the link again, or contact the company that sent it.
      </p>
    </div>
  );
}
