import type { RouteContext, RouteHandler } from "./http-types";

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

/** Path patterns with `:name` segments; nothing else, so a route table reads like MobilePay's docs. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  /**
   * Returns the handler bound to the matched path params, "method-not-allowed" when only the
   * method differs, or undefined when no pattern matches.
   */
  match(
    method: string,
    pathname: string,
  ): { handler: RouteHandler; params: Record<string, string> } | "method-not-allowed" | undefined {
    const requested = splitPath(pathname);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, requested);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? "method-not-allowed" : undefined;
  }

  async dispatch(context: Omit<RouteContext, "params">): Promise<boolean | "method-not-allowed"> {
    const found = this.match(context.req.method ?? "GET", context.url.pathname);
    if (found === undefined) return false;
    if (found === "method-not-allowed") return "method-not-allowed";
    await found.handler({ ...context, params: found.params });
    return true;
  }
}

function matchSegments(pattern: string[], requested: string[]): Record<string, string> | undefined {
  if (pattern.length !== requested.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const actual = requested[index] as string;
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected.toLowerCase() !== actual.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
