import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type RouteBundle = { route: string; chunks: number; rawBytes: number; gzipBytes: number };

type RouteBundleStats = { route: string; firstLoadChunkPaths: string[] }[];

/**
 * First-load JavaScript per route from the last `next build`: the chunks Next lists for the route in
 * .next/diagnostics/route-bundle-stats.json, each gzipped with zlib at the default level, as a CDN would.
 */
export function firstLoadJavaScript(root = "."): RouteBundle[] {
  const statsFile = path.join(root, ".next", "diagnostics", "route-bundle-stats.json");
  if (!existsSync(statsFile)) throw new Error(`${statsFile} is missing: run next build first`);
  const stats = JSON.parse(readFileSync(statsFile, "utf8")) as RouteBundleStats;
  const gzipped = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (chunk: string) => {
    const known = gzipped.get(chunk);
    if (known) return known;
    const bytes = readFileSync(path.join(root, chunk));
    const size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    gzipped.set(chunk, size);
    return size;
  };
  return stats
    .map((entry) => {
      const sizes = entry.firstLoadChunkPaths.map(sizeOf);
      return {
        route: entry.route,
        chunks: sizes.length,
        rawBytes: sizes.reduce((sum, size) => sum + size.raw, 0),
        gzipBytes: sizes.reduce((sum, size) => sum + size.gzip, 0),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
