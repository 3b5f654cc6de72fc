/**
 * The address a request came from, for limits that only need to tell senders apart. Next sets
 * X-Forwarded-For to the peer's address when the request has none, and a proxy in front appends the peer it
 * saw, so the last entry is the nearest hop. A sender that reaches the console directly can still write the
 * header itself; limits keyed on this must therefore sit under a bound that does not depend on it.
 */
export function senderAddress(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1)?.slice(0, 64) ?? "unknown";
}
