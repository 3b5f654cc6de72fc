import { getApiConsentLink } from "@/lib/api/api-consent-links";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute<undefined, undefined, { consentLinkId: string }>(
  { scope: "consent-links:write" },
  ({ principal, params }) => getApiConsentLink(principal, params.consentLinkId),
);
