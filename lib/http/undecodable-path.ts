/**
 * A path the framework cannot percent-decode (a lone `%`, or escapes that are not UTF-8) would fail deep in
 * routing with a plain-text 500. It is the client's mistake, so it is answered here, before routing.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const PROBLEM = {
  type: "about:blank",
  title: "Bad Request",
  status: 400,
  detail: "The address contains a '%' that does not start a valid percent-encoded character.",
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Bad address</title></head>
<body style="font-family: system-ui, sans-serif; margin: 4rem auto; max-width: 32rem; text-align: center">
<p style="color: #dc2626; font-weight: 600">400</p>
<h1>This address is not valid</h1>
<p>It contains a '%' that does not start a valid percent-encoded character.</p>
<p><a href="/merchants">Back to merchants</a></p>
</body>
</html>
`;

/** 400 as a problem document for API clients and a small page for browsers; nothing from the path is echoed. */
export function undecodablePathResponse(pathname: string): Response {
  if (pathname.startsWith("/api/")) {
    return new Response(JSON.stringify(PROBLEM), {
      status: 400,
      headers: { "Content-Type": "application/problem+json" },
    });
  }
  return new Response(PAGE, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
