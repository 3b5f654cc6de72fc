/**
 * Whether a string is well-formed UTF-16, as `String.prototype.isWellFormed` says (Node 20 has it; the
 * TypeScript target here predates its type). A lone surrogate cannot be encoded for the database, a log line
 * or a response, so text from outside is checked before it goes anywhere.
 */
export function isWellFormed(value: string): boolean {
  // With the `u` flag a lone surrogate is a code point of its own, of category Cs; paired ones are not.
  return !/\p{Cs}/u.test(value);
}
