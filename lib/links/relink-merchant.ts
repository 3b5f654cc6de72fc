import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
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
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId } });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  return createInvitation({
    staff,
    merchantId,
    input: { merchantName: merchant.name, vatNumber: merchant.vatNumber, products, environment: merchant.environment },
  });
}
