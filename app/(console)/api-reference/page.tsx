import type { Metadata } from "next";

import { ApiReferenceViewer } from "@/components/api-reference/api-reference-viewer";
import { PageHeader } from "@/components/ui/page-header";
import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "API" };

/** The integrator API's reference for staff, rendered by Scalar from the same document backends download. */
export default async function ApiReferencePage() {
  await requirePagePermission("merchants:read");
  const document = buildOpenApiDocument(getEnv().NEXTAUTH_URL);
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
      <ApiReferenceViewer document={document} />
    </>
  );
}
