import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { assertMerchantVisible } from "@/lib/auth/require-environment-access";
import { hasPermission, mayUseEnvironment } from "@/lib/auth/roles";
import { callbackUrlsFor } from "@/lib/calls/callback-urls";
import { listSampleCalls } from "@/lib/calls/list-sample-calls";
import { OPERATION_FORMS } from "@/lib/calls/operation-forms";
import type { CallbackKind, Country, SampleAppUser } from "@/lib/calls/sample-call-context";
import { sampleCallFacts } from "@/lib/calls/sample-call-facts";
import { SANDBOX_APP_USERS } from "@/lib/calls/sandbox-app-users";
import { findEnvironment } from "@/lib/mobilepay/environments";

/** Everything the sample-calls page needs, as plain data: no token, no secret. */
export async function getCallsPageData(merchantId: string, staff: CurrentStaff) {
  const { merchant, link } = await sampleCallFacts(merchantId);
  assertMerchantVisible(staff, merchant);
  const environment = findEnvironment(merchant.environment);
  const isSandbox = environment?.isSandbox ?? false;
  const country = merchant.vatNumber.slice(0, 2) as Country;
  const linked = link !== null;
  const appUser: SampleAppUser | null = environment?.id === "sandbox" ? SANDBOX_APP_USERS[country] : null;
  const callbackUrls: Record<CallbackKind, string> = callbackUrlsFor(merchant.environment);
  return {
    merchant: {
      id: merchant.id,
      name: merchant.name,
      vatNumber: merchant.vatNumber,
      country,
      environment: { id: merchant.environment, label: environment?.label ?? merchant.environment, isSandbox },
      linked,
      grantedProducts: link?.grantedProducts ?? [],
    },
    canRun:
      linked &&
      environment !== undefined &&
      hasPermission(staff.role, "calls:run") &&
      mayUseEnvironment(staff.role, isSandbox),
    rules: {
      country,
      today: new Date().toISOString().slice(0, 10),
      callbackUrls,
      allowLoopbackHttp: environment?.id === "sandbox",
    },
    appUser,
    /** The calls this merchant's environment offers, by name: their forms load in the browser when needed. */
    operations: OPERATION_FORMS.filter((form) => isSandbox || !form.sandboxOnly).map(({ id, product, label }) => ({
      id,
      product,
      label,
    })),
    history: await listSampleCalls(merchantId),
  };
}

export type CallsPageData = Awaited<ReturnType<typeof getCallsPageData>>;
