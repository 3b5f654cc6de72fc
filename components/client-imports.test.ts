import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * What a "use client" module imports, and what those modules import in turn, ships with the page before it can
 * run: a zod schema beside a constant once took all of zod (36 kB gzip) to four pages. These packages belong to
 * the server, or load on the action that needs them (`await import()`, React.lazy), never with a page.
 */
const NEVER_WITH_A_PAGE = [
  "zod",
  "server-only",
  "@prisma/client",
  "bcryptjs",
  "next-auth",
  "@simplewebauthn/server",
  "@simplewebauthn/browser",
  "@tanstack/react-query",
];

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function isClientModule(file: string): boolean {
  return /^\s*["']use client["']/.test(readFileSync(file, "utf8"));
}

/** A project file for "@/…" and relative specifiers; the package's name for the rest. */
function resolve(from: string, specifier: string): { file: string } | { pkg: string } | null {
  if (!specifier.startsWith("@/") && !specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return { pkg: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]! };
  }
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return { file: candidate };
  }
  return null;
}

/** The specifiers a module loads with itself: static imports and re-exports that are not type-only. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.isTypeOnly &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/** Every forbidden package a client module reaches, with the chain of imports that reaches it. */
function forbiddenReaches(): string[] {
  const entries = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))].filter(
    isClientModule,
  );
  const found: string[] = [];
  for (const entry of entries) {
    const cameFrom = new Map<string, string | null>([[entry, null]]);
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const specifier of staticImports(file)) {
        const target = resolve(file, specifier);
        if (target === null) continue;
        if ("pkg" in target) {
          if (!NEVER_WITH_A_PAGE.includes(target.pkg)) continue;
          const chain = [specifier];
          for (let step: string | null = file; step !== null; step = cameFrom.get(step) ?? null) {
            chain.unshift(path.relative(ROOT, step));
          }
          found.push(chain.join(" → "));
        } else if (!cameFrom.has(target.file)) {
          cameFrom.set(target.file, file);
          queue.push(target.file);
        }
      }
    }
  }
  return [...new Set(found)];
}

describe("client modules", () => {
  it("ship no server-side package and no package that loads on an action", () => {
    expect(forbiddenReaches()).toEqual([]);
  });
});
