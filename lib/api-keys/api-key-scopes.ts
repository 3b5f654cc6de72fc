// Browser code reads these labels too, so this module stays free of zod and of the server.
export const API_KEY_SCOPES = [
  "merchants:read",
  "tokens:issue",
  "proxy:invoice",
  "proxy:subscriptions",
  "consent-links:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "merchants:read": "List merchants and read their connection state",
  "tokens:issue": "Get a merchant's access token",
  "proxy:invoice": "Call the Invoice API through the console",
  "proxy:subscriptions": "Call the Subscriptions API through the console",
  "consent-links:write": "Create consent links and follow them",
};
