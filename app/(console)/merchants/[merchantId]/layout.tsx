import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { requirePagePermission } from "@/lib/auth/require-role";
import { merchantVisibleTo } from "@/lib/merchants/merchant-exists";

/**
 * Refuses before the pages' loading skeletons: once a skeleton has streamed the status is sent, and a
 * refusal inside it would answer 200. Above the boundary, an unknown merchant, or one of an environment the
 * viewer may not see (demo staff: sandboxes only), answers a real 404.
 */
export default async function MerchantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ merchantId: string }>;
}) {
  const staff = await requirePagePermission("merchants:read");
  const { merchantId } = await params;
  if (!(await merchantVisibleTo(staff, merchantId))) notFound();
  return children;
}
