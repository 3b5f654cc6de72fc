import { ZCreateApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { staffRoute } from "@/lib/http/staff-route";

export const POST = staffRoute({ permission: "api-keys:manage", body: ZCreateApiKeySchema }, async ({ body, staff }) =>
  createApiKey({ input: body, staff }),
);
