import "server-only";

import { requireMerchantAccess } from "@/lib/auth/require-environment-access";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { createInvitation } from "@/lib/links/create-invitation";
import type { Product } from "@/lib/mobilepay/environment-config";

/** A consent link for a merchant the console already knows: identity and history stay, tokens are replaced. */
export async function relinkMerchant({
  merchantId,
  products,
  staff,
}: {
  merchantId: string;
  products: Product[];
  staff: CurrentStaff;
}) {
  const { merchant } = await requireMerchantAccess(staff, merchantId);
  return createInvitation({
    staff,
    merchantId,
    input: { merchantName: merchant.name, vatNumber: merchant.vatNumber, products, environment: merchant.environment },
  });
}
