import { isPlainObject } from "./case-insensitive-fields";

export interface ReplaceOperation {
  path: string;
  value: unknown;
}

/** Parses an RFC 6902 document that may only contain `replace` operations, as MobilePay allows. */
export function parseReplaceOperations(body: unknown, allowedPaths: readonly string[]): ReplaceOperation[] | string {
  if (!Array.isArray(body) || body.length === 0) return "The request must be a JSON Patch array";
  const operations: ReplaceOperation[] = [];
  for (const entry of body) {
    if (!isPlainObject(entry)) return "Each patch operation must be an object";
    if (entry.op !== "replace") return `Operation '${String(entry.op)}' is not supported, only 'replace'`;
    if (typeof entry.path !== "string" || !allowedPaths.includes(entry.path))
      return `Path '${String(entry.path)}' cannot be replaced`;
    if (!("value" in entry)) return `Operation on '${entry.path}' has no value`;
    operations.push({ path: entry.path, value: entry.value });
  }
  return operations;
}
