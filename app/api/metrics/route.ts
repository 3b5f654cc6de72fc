import { consoleMetricsRegistry } from "@/lib/metrics/console-metrics";
import { metricsAccess } from "@/lib/metrics/metrics-access";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint, behind the bearer token from METRICS_BEARER_TOKEN (absent: no endpoint). */
export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "not-configured") return new Response("Not found", { status: 404 });
  if (access === "refused") {
    return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  }
  const registry = consoleMetricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
