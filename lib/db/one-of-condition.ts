/** `column IN (…)` with every value bound; an empty list matches nothing (plain `IN ()` is not valid SQL). */
export function oneOfCondition(column: string, values: readonly string[], bind: (value: unknown) => string): string {
  if (values.length === 0) return "1 = 0";
  return `${column} IN (${values.map((value) => bind(value)).join(", ")})`;
}
