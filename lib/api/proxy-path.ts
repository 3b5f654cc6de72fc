/** Why a proxied path was refused: a name to look up, and a detail with non-secret facts only. */
export type ProxyPathCheck = { ok: true; path: string } | { ok: false; check: string; detail: string };

const MAX_PATH_LENGTH = 1_024;
const MAX_SEGMENTS = 16;
/** Letters, digits and the few marks MobilePay's ids and resource names use; anything else is refused. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~@:+-]+$/;

function refused(check: string, detail: string): ProxyPathCheck {
  return { ok: false, check, detail };
}

/**
 * The path a backend asked to reach under a product's API, read from the raw request target (before the
 * framework decodes it), judged segment by segment and rebuilt from what passed. Refused, before anything
 * is sent: dot segments (`.`/`..`, also percent-encoded), encoded slashes or backslashes, empty segments
 * (`//host` would become another authority), absolute URLs, control characters and anything outside the
 * plain characters of MobilePay's paths. What passes is always relative and stays under the API base.
 */
export function normaliseProxyPath(rawPath: string): ProxyPathCheck {
  if (rawPath.length === 0) return refused("path-empty", "Name a resource under the API, e.g. api/v1/invoices.");
  if (rawPath.length > MAX_PATH_LENGTH)
    return refused("path-too-long", `Paths are at most ${MAX_PATH_LENGTH} characters.`);
  const segments = rawPath.split("/");
  if (segments.length > MAX_SEGMENTS) return refused("path-too-deep", `Paths have at most ${MAX_SEGMENTS} segments.`);
  const kept: string[] = [];
  for (const [index, raw] of segments.entries()) {
    if (raw === "") return refused("empty-segment", `Segment ${index + 1} is empty (a double or trailing slash).`);
    if (/%(2f|5c)/i.test(raw))
      return refused("encoded-separator", `Segment ${index + 1} holds an encoded slash or backslash.`);
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return refused("undecodable-segment", `Segment ${index + 1} is not valid percent-encoding.`);
    }
    if (decoded === "." || decoded === "..") return refused("dot-segment", `Segment ${index + 1} is "${decoded}".`);
    if (index === 0 && decoded.includes(":")) {
      return refused("absolute-url", "The path starts like a URL with a scheme; send a path under the API instead.");
    }
    if (!PLAIN_SEGMENT.test(decoded)) {
      return refused("unexpected-character", `Segment ${index + 1} holds a character MobilePay's paths do not use.`);
    }
    kept.push(encodeURIComponent(decoded));
  }
  if (kept[0] !== "api") return refused("outside-api", "MobilePay's resources are under api/ (e.g. api/v1/invoices).");
  return { ok: true, path: kept.join("/") };
}

/** The query string as sent, if it is plain enough to forward: no control characters, bounded length. */
export function checkProxyQuery(
  search: string,
): { ok: true; search: string } | { ok: false; check: string; detail: string } {
  if (search.length > 2_048)
    return { ok: false, check: "query-too-long", detail: "Query strings are at most 2,048 characters." };
  if (/[\u0000-\u001f\u007f]/.test(search))
    return { ok: false, check: "query-control-character", detail: "The query holds control characters." };
  return { ok: true, search };
}
