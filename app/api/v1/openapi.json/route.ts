import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { apiEndpoint } from "@/lib/api/api-response-headers";
import { getEnv } from "@/lib/env";

/** The document describes the API, holds nothing secret, and is what clients generate their types from: no key needed. */
export const GET = apiEndpoint(() =>
  Response.json(buildOpenApiDocument(getEnv().NEXTAUTH_URL), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);
