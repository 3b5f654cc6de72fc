import "server-only";

/** One page as a browser would have it after following every redirect. */
export type ScriptedPage = { url: string; status: number; html: string };

const MAX_REDIRECTS = 10;

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/**
 * The smallest browser that can walk a merchant through a consent: it keeps each site's cookies, follows redirects
 * and submits forms. Used by the demo to link sandbox merchants through the real flow (the console's consent
 * page, MobilePay's login and consent, the form_post back), never against a real MobilePay environment.
 */
export class ScriptedBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string | undefined {
    const jar = this.cookies.get(url.host);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(url: URL, response: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.host, jar);
  }

  /** Sends one request and follows its redirects as a browser does (a 303, 302 or 301 after a POST becomes a GET). */
  async request(
    target: string,
    init: { method?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<ScriptedPage> {
    let url = new URL(target);
    let method = init.method ?? "GET";
    let body = init.body;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const headers: Record<string, string> = { ...init.headers };
      const cookie = this.cookieHeader(url);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers["content-type"] = init.contentType ?? "application/x-www-form-urlencoded";
      const response = await fetch(url, {
        method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(15_000),
      });
      this.keepCookies(url, response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        if (response.status !== 307 && response.status !== 308) {
          method = "GET";
          body = undefined;
        }
        continue;
      }
      return { url: url.toString(), status: response.status, html: await response.text() };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${target}`);
  }

  /** Submits the page's form whose action ends with `actionEnding`, with its hidden fields and these values. */
  submit(page: ScriptedPage, actionEnding: string, fields: Record<string, string> = {}): Promise<ScriptedPage> {
    const form = formsOf(page).find((candidate) => candidate.action.split("?")[0]!.endsWith(actionEnding));
    if (!form) throw new Error(`no form posting to …${actionEnding} on ${new URL(page.url).pathname}`);
    return this.request(form.action, {
      method: "POST",
      body: new URLSearchParams({ ...form.hidden, ...fields }).toString(),
    });
  }
}

/** The POST forms on a page, with their absolute actions and hidden fields. */
export function formsOf(page: ScriptedPage): { action: string; hidden: Record<string, string> }[] {
  return [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
    .map((match) => {
      const attributes = match[1] ?? "";
      const action = /action="([^"]*)"/i.exec(attributes)?.[1];
      const hidden: Record<string, string> = {};
      for (const input of (match[2] ?? "").matchAll(/<input\b[^>]*>/gi)) {
        const tag = input[0];
        if (!/type="hidden"/i.test(tag)) continue;
        const name = /name="([^"]*)"/i.exec(tag)?.[1];
        const value = /value="([^"]*)"/i.exec(tag)?.[1] ?? "";
        if (name) hidden[decodeHtml(name)] = decodeHtml(value);
      }
      return action === undefined ? null : { action: new URL(decodeHtml(action), page.url).toString(), hidden };
    })
    .filter((form): form is { action: string; hidden: Record<string, string> } => form !== null);
}
