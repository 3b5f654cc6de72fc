// Kept apart from the masking code, which uses node:crypto: client components import these labels.
export type TokenKind = "access" | "refresh" | "id";

export const TOKEN_KIND_LABELS: Record<TokenKind, string> = {
  access: "Access token",
  refresh: "Refresh token",
  id: "id_token",
};
