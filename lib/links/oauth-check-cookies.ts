/**
 * next-auth's OAuth check cookies. MobilePay's form_post callback is a
 * cross-site POST that only carries SameSite=None cookies, so these are
 * None + Secure (browsers accept Secure cookies on http://localhost too).
 */
export const OAUTH_CHECK_COOKIE_NAMES = {
  state: "mplc.oauth-state",
  nonce: "mplc.oauth-nonce",
  pkceCodeVerifier: "mplc.oauth-pkce",
  callbackUrl: "mplc.callback-url",
} as const;

const CROSS_SITE = { httpOnly: true, sameSite: "none" as const, path: "/", secure: true };

export const OAUTH_CHECK_COOKIES = {
  state: { name: OAUTH_CHECK_COOKIE_NAMES.state, options: { ...CROSS_SITE, maxAge: 900 } },
  nonce: { name: OAUTH_CHECK_COOKIE_NAMES.nonce, options: { ...CROSS_SITE, maxAge: 900 } },
  pkceCodeVerifier: { name: OAUTH_CHECK_COOKIE_NAMES.pkceCodeVerifier, options: { ...CROSS_SITE, maxAge: 900 } },
  callbackUrl: { name: OAUTH_CHECK_COOKIE_NAMES.callbackUrl, options: CROSS_SITE },
};
