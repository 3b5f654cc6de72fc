import { InvalidEnvironmentError, type ServerEnv } from "@/lib/config/env-schema";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";

export const STAFF_SSO_PROVIDER_ID = "staff-sso";

export type StaffSsoSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  scopes: string;
  requireVerifiedEmail: boolean;
  autoCreateDomains: readonly string[];
  roleClaim: string | null;
  roleMap: readonly { claimValue: string; role: StaffRole }[];
};

/** The company SSO of the configuration, or null while none is configured. */
export function staffSsoSettings(env: ServerEnv): StaffSsoSettings | null {
  if (!env.STAFF_SSO_ISSUER || !env.STAFF_SSO_CLIENT_ID || !env.STAFF_SSO_CLIENT_SECRET) return null;
  const roleMap = env.STAFF_SSO_ROLE_MAP.map(({ claimValue, roleName }) => {
    const role = ZStaffRoleSchema.safeParse(roleName);
    if (!role.success) {
      throw new InvalidEnvironmentError([
        `STAFF_SSO_ROLE_MAP names "${roleName}", which is not one of ${STAFF_ROLES.join(", ")}`,
      ]);
    }
    return { claimValue, role: role.data };
  });
  if (roleMap.length > 0 && !env.STAFF_SSO_ROLE_CLAIM) {
    throw new InvalidEnvironmentError(["STAFF_SSO_ROLE_MAP needs STAFF_SSO_ROLE_CLAIM, the claim it reads"]);
  }
  return {
    issuer: env.STAFF_SSO_ISSUER.replace(/\/+$/, ""),
    clientId: env.STAFF_SSO_CLIENT_ID,
    clientSecret: env.STAFF_SSO_CLIENT_SECRET,
    label: env.STAFF_SSO_LABEL,
    scopes: env.STAFF_SSO_SCOPES,
    requireVerifiedEmail: env.STAFF_SSO_REQUIRE_VERIFIED_EMAIL,
    autoCreateDomains: env.STAFF_SSO_AUTO_CREATE_DOMAINS,
    roleClaim: env.STAFF_SSO_ROLE_CLAIM ?? null,
    roleMap,
  };
}

// When several claim values match, the staff member gets the widest of their roles.
const ROLE_RANK: Record<StaffRole, number> = { admin: 3, integrator: 2, demo: 1, support: 0 };

/** The role the identity provider's claim gives, or null when the claim names none of the mapped values. */
export function roleFromClaims(claims: Record<string, unknown>, settings: StaffSsoSettings): StaffRole | null {
  if (!settings.roleClaim) return null;
  const raw = claims[settings.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === "string");
  let best: StaffRole | null = null;
  for (const { claimValue, role } of settings.roleMap) {
    if (values.includes(claimValue) && (best === null || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}
