import type { buildOpenApiDocument } from "@/lib/api/openapi-document";

type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** One operation, flattened for a page to show. */
export type OperationView = {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; description: string }[];
  requestSchema: string | null;
  responses: { status: string; description: string; schemaName: string | null }[];
};

function schemaName(schema: unknown): string | null {
  if (!schema || typeof schema !== "object") return null;
  const reference = (schema as { $ref?: unknown }).$ref;
  return typeof reference === "string" ? (reference.split("/").at(-1) ?? null) : null;
}

function firstContentSchema(content: unknown): unknown {
  if (!content || typeof content !== "object") return undefined;
  const [first] = Object.values(content as Record<string, { schema?: unknown }>);
  return first?.schema;
}

/** The document's operations flattened for reading, in the document's order. */
export function openApiOperations(document: OpenApiDocument): OperationView[] {
  const operations: OperationView[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        parameters: (operation.parameters ?? []).flatMap((parameter) =>
          "name" in parameter
            ? [
                {
                  name: parameter.name,
                  in: parameter.in,
                  required: parameter.required ?? false,
                  description:
                    parameter.description ??
                    (parameter.schema && "description" in parameter.schema
                      ? String(parameter.schema.description ?? "")
                      : ""),
                },
              ]
            : [],
        ),
        requestSchema:
          operation.requestBody && "content" in operation.requestBody
            ? (schemaName(firstContentSchema(operation.requestBody.content)) ?? "JSON")
            : null,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => ({
          status,
          description: response && "description" in response ? String(response.description) : "",
          schemaName: response && "content" in response ? schemaName(firstContentSchema(response.content)) : null,
        })),
      });
    }
  }
  return operations;
}
