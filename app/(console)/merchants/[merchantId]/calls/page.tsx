import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { buttonClassName } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getCallsPageData, type CallsPageData } from "@/lib/calls/get-calls-page-data";
import { AppError } from "@/lib/errors";

import { CallsPageView } from "./calls-page-view";

export const metadata: Metadata = { title: "Sample calls" };

async function load(
  merchantId: string,
  staff: Awaited<ReturnType<typeof requirePagePermission>>,
): Promise<CallsPageData> {
  try {
    return await getCallsPageData(merchantId, staff);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function SampleCallsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const staff = await requirePagePermission("merchants:read");
  const { merchantId } = await params;
  const data = await load(merchantId, staff);
  return (
    <>
      <PageHeader
        title={
          <>
            Sample calls · <bdi>{data.merchant.name}</bdi>
          </>
        }
        description={`${data.merchant.vatNumber} · ${data.merchant.environment.label}`}
        actions={
          <Link href={`/merchants/${merchantId}`} className={buttonClassName("secondary")}>
            Back to merchant
          </Link>
        }
      />
      <CallsPageView data={data} />
    </>
  );
}
