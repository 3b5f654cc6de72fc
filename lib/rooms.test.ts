import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * `lib/<concept>/` imports only downwards: two rooms that import each other can no longer be understood, tested
 * or moved one at a time. The single next-auth instance serves staff sign-in and merchant linking, so it lives
 * in a room of its own above both.
 */
const LIB = path.join(import.meta.dirname);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return name === "testing" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** room → the rooms it imports, with one importing file per pair for the failure message. */
function roomImports(): Map<string, Map<string, string>> {
  const rooms = readdirSync(LIB).filter((name) => statSync(path.join(LIB, name)).isDirectory());
  const graph = new Map<string, Map<string, string>>();
  for (const room of rooms) {
    const targets = new Map<string, string>();
    for (const file of sourceFiles(path.join(LIB, room))) {
      for (const match of readFileSync(file, "utf8").matchAll(/from "@\/lib\/([a-z-]+)\//g)) {
        const target = match[1]!;
        if (target !== room && rooms.includes(target) && !targets.has(target)) {
          targets.set(target, path.relative(LIB, file));
        }
      }
    }
    graph.set(room, targets);
  }
  return graph;
}

/** Every pair of rooms that reach each other, named by one import each way round the loop. */
function loops(graph: Map<string, Map<string, string>>): string[] {
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const room = stack.pop()!;
      if (room === to) return true;
      if (seen.has(room)) continue;
      seen.add(room);
      stack.push(...(graph.get(room)?.keys() ?? []));
    }
    return false;
  };
  const found: string[] = [];
  for (const [room, targets] of graph) {
    for (const [target, file] of targets) {
      if (reaches(target, room)) found.push(`${room} → ${target} (${file}) while ${target} reaches ${room}`);
    }
  }
  return found;
}

describe("the rooms of lib/", () => {
  const graph = roomImports();

  it("import only downwards: no two rooms reach each other", () => {
    expect(loops(graph)).toEqual([]);
  });

  it("keep staff identity and merchant linking apart; only the next-auth room knows both", () => {
    expect([...(graph.get("auth")?.keys() ?? [])]).not.toContain("links");
    expect([...(graph.get("links")?.keys() ?? [])]).not.toContain("next-auth");
    const importersOfNextAuth = [...graph].filter(([, targets]) => targets.has("next-auth")).map(([room]) => room);
    expect(importersOfNextAuth).toEqual([]);
    expect([...(graph.get("next-auth")?.keys() ?? [])]).toEqual(expect.arrayContaining(["auth", "links"]));
  });
});
