import type { ApiExchange } from "@/lib/mobilepay/api/api-exchange";

/** Placeholders for the values the inspector never knows. */
const PLACEHOLDERS: Record<string, string> = {
  authorization: "Bearer $ACCESS_TOKEN",
  "x-ibm-client-secret": "$IBM_CLIENT_SECRET",
};

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The recorded call as a curl command. Credentials become shell variables, so
 * the command is safe to paste anywhere and works once they are exported.
 * Header values with placeholders use double quotes so the shell expands them.
 */
export function curlCommand(exchange: Pick<ApiExchange, "method" | "url" | "requestHeaders" | "requestBody">): string {
  const lines = [`curl -X ${exchange.method} ${shellQuote(exchange.url)}`];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    const placeholder = PLACEHOLDERS[name.toLowerCase()];
    lines.push(placeholder ? `-H "${name}: ${placeholder}"` : `-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (exchange.requestBody !== null) lines.push(`--data ${shellQuote(exchange.requestBody)}`);
  return lines.join(" \\\n  ");
}
