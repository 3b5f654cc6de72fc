export type ScopeDiffRow = {
  scope: string;
  requested: boolean;
  granted: boolean;
  /** granted: asked for and given; missing: asked for, not given; extra: given without being asked for. */
  status: "granted" | "missing" | "extra";
};

/** Space or comma separated, as MobilePay accepts both. */
export function splitScopes(value: string | readonly string[]): string[] {
  const parts = typeof value === "string" ? value.split(/[\s,]+/) : value;
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

/**
 * Requested scopes (from the products the integrator asked for) against what MobilePay granted. A missing
 * product scope explains a 403 on that API before anyone calls it.
 */
export function scopeDiff(requested: string | readonly string[], granted: string | readonly string[]): ScopeDiffRow[] {
  const asked = splitScopes(requested);
  const given = new Set(splitScopes(granted));
  const rows: ScopeDiffRow[] = asked.map((scope) => ({
    scope,
    requested: true,
    granted: given.has(scope),
    status: given.has(scope) ? "granted" : "missing",
  }));
  for (const scope of given) {
    if (!asked.includes(scope)) rows.push({ scope, requested: false, granted: true, status: "extra" });
  }
  return rows;
}
