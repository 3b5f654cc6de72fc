/**
 * A MobilePay phone alias in international form. Spaces are ignored; Danish numbers may also be
 * written `0045XXXXXXXX` or just `XXXXXXXX` (DOCS-2023 verification.md).
 */
export function normalizePhoneAlias(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, "");
  if (/^\+45\d{8}$/.test(compact) || /^\+358\d{6,10}$/.test(compact)) return compact;
  if (/^0045\d{8}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^\d{8}$/.test(compact)) return `+45${compact}`;
  return undefined;
}
