import type { Metadata } from "next";

import { ApiOperation } from "@/components/api-reference/api-operation";
import { PageHeader } from "@/components/ui/page-header";
import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { openApiOperations } from "@/lib/api/openapi-operations";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "API" };

/** The integrator API's reference for staff, read from the same document backends download. */
export default async function ApiReferencePage() {
  await requirePagePermission("merchants:read");
  const document = buildOpenApiDocument(getEnv().NEXTAUTH_URL);
  const operations = openApiOperations(document);
  return (
    <>
      <PageHeader
        title="API"
        description={`${document.info.description ?? ""} Base URL: ${document.servers?.[0]?.url ?? ""}`}
        actions={
          <a className="text-sm font-medium text-blue-700 hover:underline" href="/api/v1/openapi.json">
            OpenAPI document (JSON)
          </a>
        }
      />
      <div className="space-y-4">
        {operations.map((operation) => (
          <ApiOperation key={`${operation.method} ${operation.path}`} operation={operation} />
        ))}
      </div>
    </>
  );
}
