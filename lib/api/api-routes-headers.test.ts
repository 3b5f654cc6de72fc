import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** A route file's source, and that of a lib/api module it takes its handler from (`export const GET = proxyRoute`). */
function sourceWithSharedHandler(file: string): string {
  const source = readFileSync(file, "utf8");
  const shared = /import \{ \w+Route \} from "@\/(lib\/api\/[\w-]+-route)";/.exec(source)?.[1];
  return shared ? source + readFileSync(path.join(process.cwd(), `${shared}.ts`), "utf8") : source;
}

describe("the integrator API's routes", () => {
  // The page proxy does not run for /api/v1 (proxy.ts): a route that answered without these wrappers would
  // answer without the security headers.
  it("all answer through apiRoute or apiEndpoint", () => {
    const files = routeFiles(API_ROOT);
    expect(files.length).toBeGreaterThan(5);
    const unwrapped = files.filter((file) => {
      const source = sourceWithSharedHandler(file);
      return (
        !/\b(apiRoute|apiEndpoint)[<(]/.test(source) ||
        /export (async )?function (GET|POST|PUT|PATCH|DELETE)\b/.test(source)
      );
    });
    expect(unwrapped.map((file) => path.relative(process.cwd(), file))).toEqual([]);
  });
});
