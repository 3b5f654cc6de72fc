/** What staff see for each sign-in failure: never whether the account exists. */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  if (code === "Throttled") return "Too many failed attempts. Wait a few minutes before trying again.";
  if (code === "SecondFactorRequired") return null;
  if (code === "PasskeyRefused") return "Sign-in failed. That passkey does not sign in to this console.";
  if (code === "Unavailable") return "Sign-in is unavailable right now. Try again in a minute.";
  if (code === "SsoRefused")
    return "Your company account may not sign in to this console. Ask a console admin to add you, or to enable your account.";
  // next-auth's codes for an OAuth sign-in that failed before the console could decide.
  if (code.startsWith("OAuth") || code === "Callback" || code === "AccessDenied")
    return "Single sign-on did not complete. Try again; if it keeps failing, ask a console admin.";
  return "Sign-in failed. Check your email and password.";
}
