import "server-only";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** One request to the built-in sandbox's control API. */
export type SandboxControlRequest = { method: string; path: string; body?: unknown };

/** The built-in sandbox's control API, or why the console has none (a production install without the sandbox). */
function builtInSandboxControl(): { url: string; token: string } {
  const env = getEnv();
  if (!env.SANDBOX_ENABLED || !env.SANDBOX_CONTROL_TOKEN) {
    throw new AppError("CONFLICT", { userMessage: "The built-in sandbox is not enabled in this console." });
  }
  return { url: env.SANDBOX_URL.replace(/\/$/, ""), token: env.SANDBOX_CONTROL_TOKEN };
}

/**
 * Sends one request to the built-in sandbox's control API, signed with the control token here on the server: the
 * token never reaches a browser, and no answer of the sandbox is passed on.
 */
export async function sendSandboxControl({ method, path, body }: SandboxControlRequest): Promise<void> {
  const { url, token } = builtInSandboxControl();
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    throw new AppError("UPSTREAM_UNAVAILABLE", { userMessage: "The built-in sandbox could not be reached." });
  }
  await response.body?.cancel();
  if (!response.ok) {
    throw new AppError("UPSTREAM_UNAVAILABLE", {
      userMessage: `The built-in sandbox refused the request (HTTP ${response.status}).`,
    });
  }
}
