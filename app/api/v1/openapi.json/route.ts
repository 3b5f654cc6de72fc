import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { getEnv } from "@/lib/env";

/** The document describes the API, holds nothing secret, and is what clients generate their types from: no key needed. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(getEnv().NEXTAUTH_URL), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
