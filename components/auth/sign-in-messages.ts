/** What staff see for each sign-in failure: never whether the account exists. */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  if (code === "Throttled") return "Too many failed attempts. Wait a few minutes before trying again.";
  if (code === "Unavailable") return "Sign-in is unavailable right now. Try again in a minute.";
  return "Sign-in failed. Check your email and password.";
}
