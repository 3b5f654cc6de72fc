// Apart from wire-case.ts so that browser code reading stored answers does not pull in zod.

function lowerFirst(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** `InvoiceId` and `invoiceId` alike become `invoiceId`, recursively. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [lowerFirst(key), camelizeKeys(inner)]));
  }
  return value;
}
