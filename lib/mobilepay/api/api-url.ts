import { AppError } from "@/lib/errors";

/**
 * A path under the API base with every interpolated value percent-encoded, so
 * an id typed into a form can never climb out of its path segment.
 */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (path, part, index) => path + part + (index < values.length ? encodeURIComponent(String(values[index])) : ""),
    "",
  );
}

/**
 * Joins base and path and checks the result is still under the configured base
 * on a pinned host; the access token is attached only after this check.
 */
export function resolveApiUrl(
  baseUrl: string,
  path: string,
  allowedHosts: readonly string[],
  query?: Record<string, string | number | undefined>,
): URL {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const url = new URL(`${base.pathname}${path.replace(/^\//, "")}`, base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  const underBase = url.origin === base.origin && url.pathname.startsWith(base.pathname);
  if (!underBase || !allowedHosts.includes(url.host)) {
    throw new AppError("INTERNAL", {
      message: `refused to call ${url.origin}${url.pathname}: not under the pinned API base`,
      userMessage: "The console refused to call a URL outside the environment's configured API.",
    });
  }
  return url;
}
