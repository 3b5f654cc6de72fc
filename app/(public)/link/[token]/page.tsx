import type { Metadata } from "next";

import { ContinueToMobilePayButton } from "@/components/links/continue-to-mobilepay-button";
import { openInvitation } from "@/lib/links/open-invitation";

export const metadata: Metadata = { title: "Connect to MobilePay", referrer: "no-referrer" };

const PRODUCT_NAMES: Record<string, string> = {
  invoice: "MobilePay Invoice",
  subscriptions: "MobilePay Subscriptions",
};

export default async function ConsentLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await openInvitation(token);
  if (invitation.kind === "unusable") {
    return (
      <div className="text-center">
        <h1 className="text-xl font-semibold text-slate-900">This link can no longer be used</h1>
        <p className="mt-2 text-sm text-slate-500">
          {invitation.reason === "expired"
            ? "It has expired. Ask the company that sent it for a new link."
            : invitation.reason === "revoked"
              ? "The company that sent it has withdrawn it, usually because they sent you a newer link. Use the newest link you received, or ask them for one."
              : "It has already been used or is not valid. Ask the company that sent it for a new link."}
        </p>
      </div>
    );
  }
  return (
    <div>
      <p className="text-sm font-semibold text-blue-600">{invitation.environmentLabel}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">
        Connect <bdi>{invitation.merchantName}</bdi> to MobilePay
      </h1>
      <p className="mt-3 text-sm text-slate-600">
        You will be asked to log in to MobilePay&apos;s merchant portal and allow access for merchant{" "}
        <span className="font-medium">{invitation.vatNumber}</span> to:
      </p>
      <ul className="mt-3 space-y-1 text-sm text-slate-800">
        {invitation.products.map((product) => (
          <li key={product} className="flex items-center gap-2">
            <span aria-hidden className="text-blue-600">
              ✓
            </span>
            {PRODUCT_NAMES[product] ?? product}
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-slate-500">
        You can withdraw this access at any time in the MobilePay portal under Settings → Integrations.
      </p>
      <div className="mt-6">
        <ContinueToMobilePayButton token={token} providerId={invitation.providerId} />
      </div>
    </div>
  );
}
