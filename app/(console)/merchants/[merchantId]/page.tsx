import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { ClockSkewSection } from "@/components/inspection/clock-skew-section";
import { MerchantPageView } from "@/components/merchants/merchant-page-view";
import { Skeleton } from "@/components/ui/skeleton";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission, mayUseEnvironment } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getMerchantDetail, type MerchantDetail } from "@/lib/merchants/get-merchant-detail";

export const metadata: Metadata = { title: "Merchant" };

async function load(merchantId: string, viewer: CurrentStaff): Promise<MerchantDetail> {
  try {
    return await getMerchantDetail(merchantId, viewer);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * The server renders the first answer of the page's live view; from then on the view polls the same answer
 * (GET /api/merchants/[merchantId]/view), so nothing on the page is a snapshot from page load.
 */
export default async function MerchantPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const staff = await requirePagePermission("merchants:read");
  const { merchantId } = await params;
  const detail = await load(merchantId, staff);
  const mayAct = mayUseEnvironment(staff.role, detail.merchant.environment.isSandbox);
  return (
    <MerchantPageView
      initial={detail}
      permissions={{
        canRefresh: hasPermission(staff.role, "merchants:refresh") && mayAct,
        canLink: hasPermission(staff.role, "merchants:link") && mayAct,
        canUnlink: hasPermission(staff.role, "merchants:unlink") && mayAct,
        canReveal: hasPermission(staff.role, "tokens:reveal"),
      }}
      clockSkew={
        <Suspense fallback={<Skeleton className="h-12 w-full" />}>
          <ClockSkewSection
            environmentId={detail.merchant.environment.id}
            toleranceSeconds={detail.clockToleranceSeconds}
          />
        </Suspense>
      }
    />
  );
}
