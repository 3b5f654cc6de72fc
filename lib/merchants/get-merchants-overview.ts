import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { environmentsVisibleTo, visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { hasPermission, mayUseEnvironment } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/links/list-invitations";
import { listMerchants } from "@/lib/merchants/list-merchants";
import type { TMerchantListQuery } from "@/lib/merchants/merchant-list-schemas";

const RECENT_INVITATIONS = 10;

/**
 * Everything on the merchants list that can change, as plain data: the page of merchants, the count per state
 * above it and the recent consent links. The list page renders it once and then polls it.
 */
export async function getMerchantsOverview(query: TMerchantListQuery, staff: Pick<CurrentStaff, "role">) {
  const scope = { environments: visibleEnvironmentIds(staff) };
  const [list, invitations] = await Promise.all([
    listMerchants(query, scope),
    listInvitations({ take: RECENT_INVITATIONS, environments: scope.environments }),
  ]);
  return {
    ...list,
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      merchantName: invitation.merchantName,
      vatNumber: invitation.vatNumber,
      environment: invitation.environment,
      state: invitation.state,
      failureReason: invitation.failureReason,
      openedAt: invitation.openedAt?.toISOString() ?? null,
      completedAt: invitation.completedAt?.toISOString() ?? null,
      quiet: invitation.quiet,
      createdAt: invitation.createdAt.toISOString(),
      createdByLabel: invitation.createdByLabel,
    })),
  };
}

export type MerchantsOverview = Awaited<ReturnType<typeof getMerchantsOverview>>;

/** The environments whose consent links this staff member may resend or cancel. */
export function invitationEnvironmentsManagedBy(staff: Pick<CurrentStaff, "role">): string[] {
  if (!hasPermission(staff.role, "merchants:link")) return [];
  return environmentsVisibleTo(staff)
    .filter((environment) => mayUseEnvironment(staff.role, environment.isSandbox))
    .map((environment) => environment.id);
}
