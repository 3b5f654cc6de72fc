import { STAFF_MESSAGES, type CheckName } from "@/lib/mobilepay/oidc/check-result";

/**
 * A stored check, and for a failed one what it means to support staff. The meaning travels with the record so the
 * merchant page's live view need not carry every check's explanation to the browser.
 */
export type StoredCheck = { name: string; passed: boolean; detail: string; explanation: string | null };

function explanationOf(name: string, passed: boolean): string | null {
  return !passed && Object.hasOwn(STAFF_MESSAGES, name) ? STAFF_MESSAGES[name as CheckName] : null;
}

/** A callback record's checks; one written by an older version, or damaged, must not take the merchant page down. */
export function parseStoredChecks(text: string): StoredCheck[] | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return { error: "not a list of checks" };
    return value
      .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
      .map((item) => {
        const name = String(item.name);
        const passed = item.passed === true;
        return { name, passed, detail: String(item.detail ?? ""), explanation: explanationOf(name, passed) };
      });
  } catch {
    return { error: "cannot decode the stored checks" };
  }
}
