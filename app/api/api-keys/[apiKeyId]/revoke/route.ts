import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { staffRoute } from "@/lib/http/staff-route";

export const POST = staffRoute<undefined, { apiKeyId: string }>(
  { permission: "api-keys:manage" },
  async ({ params, staff }) => revokeApiKey({ apiKeyId: params.apiKeyId, staff }),
);
