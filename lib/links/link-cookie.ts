/**
 * The link transaction cookie. MobilePay answers with a cross-site form POST,
 * which carries only SameSite=None cookies; the staff session (Lax) is not
 * sent, so the callback is bound to this cookie instead.
 */
export const LINK_TRANSACTION_COOKIE = "mplc.link";
export const LINK_TRANSACTION_TTL_SECONDS = 10 * 60;

export const LINK_TRANSACTION_COOKIE_OPTIONS = {
  httpOnly: true,
  secure: true,
  sameSite: "none" as const,
  path: "/api/auth",
  maxAge: LINK_TRANSACTION_TTL_SECONDS,
};
