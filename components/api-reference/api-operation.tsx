import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import type { OperationView } from "@/lib/api/openapi-operations";

const METHOD_TONES: Record<string, BadgeTone> = {
  GET: "info",
  POST: "success",
  PUT: "warning",
  PATCH: "warning",
  DELETE: "danger",
};

/** One operation of the OpenAPI document, as staff read it. */
export function ApiOperation({ operation }: { operation: OperationView }) {
  const anchor = `${operation.method}-${operation.path}`.replace(/[^A-Za-z0-9-]+/g, "-");
  return (
    <Card>
      <CardBody className="space-y-3">
        <h3 id={anchor} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
          <Badge tone={METHOD_TONES[operation.method] ?? "neutral"}>{operation.method}</Badge>
          <code>{operation.path}</code>
          <span className="font-normal text-slate-600">{operation.summary}</span>
        </h3>
        {operation.description ? <p className="text-sm text-slate-600">{operation.description}</p> : null}
        {operation.parameters.length > 0 ? (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {operation.parameters.map((parameter) => (
              <div key={`${parameter.in}:${parameter.name}`} className="contents">
                <dt>
                  <code>{parameter.name}</code>{" "}
                  <span className="text-xs text-slate-500">
                    {parameter.in}
                    {parameter.required ? ", required" : ""}
                  </span>
                </dt>
                <dd className="text-slate-600">{parameter.description}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {operation.requestSchema ? (
          <p className="text-sm text-slate-600">
            Body: <code>{operation.requestSchema}</code>
          </p>
        ) : null}
        <ul className="space-y-0.5 text-sm">
          {operation.responses.map((response) => (
            <li key={response.status}>
              <code className="font-semibold">{response.status}</code> {response.description}
              {response.schemaName ? (
                <span className="text-slate-500">
                  {" "}
                  → <code>{response.schemaName}</code>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
