export interface ApiResponse<T = unknown> {
  status: number;
  text: string;
  body: T;
}

/** Calls the sandbox's Invoice and Subscriptions APIs with a bearer token. */
export async function callApi<T = unknown>(
  baseUrl: string,
  accessToken: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const requestHeaders: Record<string, string> = { accept: "application/json", ...headers };
  if (accessToken !== undefined) requestHeaders.authorization = `Bearer ${accessToken}`;
  if (body !== undefined) requestHeaders["content-type"] = "application/json";
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: requestHeaders,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed as T };
}

export const INVOICE_ME = "/invoice-restapi/api/v1/merchants/me";
export const SUBSCRIPTIONS_ME = "/subscriptions/api/merchants/me";
