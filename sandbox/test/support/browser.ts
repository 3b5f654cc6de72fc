import { CookieJar } from "./cookie-jar";

export interface Page {
  url: string;
  status: number;
  html: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: URLSearchParams;
}

const MAX_REDIRECTS = 20;

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** The forms on a page, with their hidden and pre-filled fields. */
export function formsOf(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag = "", inner = ""] = match;
    const fields = new URLSearchParams();
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], "name");
      if (name) fields.append(name, attribute(input[0], "value") ?? "");
    }
    for (const selectMatch of inner.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/gi)) {
      const firstOption = /<option[^>]*value="([^"]*)"/i.exec(selectMatch[2] ?? "");
      fields.append(selectMatch[1] ?? "", decodeEntities(firstOption?.[1] ?? ""));
    }
    forms.push({
      action: attribute(`<form${tag}>`, "action") ?? "",
      method: (attribute(`<form${tag}>`, "method") ?? "get").toUpperCase(),
      fields,
    });
  }
  return forms;
}

/**
 * A minimal browser over fetch: follows redirects as GET, keeps cookies, and posts forms. It never
 * follows a cross-origin form_post: the test reads the form instead, as the relying party would.
 */
export class Browser {
  readonly cookies = new CookieJar();

  constructor(private readonly origin: string) {}

  async get(url: string): Promise<Page> {
    return this.navigate(url, "GET");
  }

  async post(url: string, fields: URLSearchParams): Promise<Page> {
    return this.navigate(url, "POST", fields);
  }

  /** Submits the form whose action ends with `actionSuffix` (e.g. "/login", "/consent", "/cancel"). */
  async submit(page: Page, actionSuffix: string, overrides: Record<string, string> = {}): Promise<Page> {
    const form = formsOf(page.html).find((candidate) => candidate.action.endsWith(actionSuffix));
    if (!form) throw new Error(`No form posting to *${actionSuffix} on ${page.url}`);
    for (const [name, value] of Object.entries(overrides)) form.fields.set(name, value);
    return this.post(new URL(form.action, page.url).href, form.fields);
  }

  private async navigate(startUrl: string, startMethod: "GET" | "POST", body?: URLSearchParams): Promise<Page> {
    let url = new URL(startUrl, this.origin).href;
    let method = startMethod;
    let payload = body;
    for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
      const target = new URL(url);
      if (target.origin !== new URL(this.origin).origin) {
        return { url, status: 0, html: "" };
      }
      const headers: Record<string, string> = { cookie: this.cookies.headerFor(target.pathname) };
      if (payload) headers["content-type"] = "application/x-www-form-urlencoded";
      const response = await fetch(url, { method, headers, body: payload?.toString(), redirect: "manual" });
      this.cookies.store(response, target.pathname);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        url = new URL(location, url).href;
        method = "GET";
        payload = undefined;
        continue;
      }
      return { url, status: response.status, html: await response.text() };
    }
    throw new Error("Too many redirects");
  }
}
