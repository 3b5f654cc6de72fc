import { ZCreateConsentLinkSchema } from "@/lib/api/api-consent-link-schemas";
import { createApiConsentLink } from "@/lib/api/api-consent-links";
import { apiRoute, jsonWithStatus } from "@/lib/api/api-route";

export const POST = apiRoute(
  { scope: "consent-links:write", body: ZCreateConsentLinkSchema },
  async ({ principal, body }) => jsonWithStatus(await createApiConsentLink(principal, body), 201),
);
