import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import { getEnv } from "@/lib/env";

/**
 * The Basic credentials the console registers with MobilePay for a merchant's
 * callbacks. Derived from the console secret, so nothing extra is stored: the
 * user name names the merchant, the password proves MobilePay got it from us.
 */
export function callbackCredentialsFor(
  environment: string,
  merchantId: string,
  secret = getEnv().NEXTAUTH_SECRET,
): { username: string; password: string } {
  const password = createHmac("sha256", secret)
    .update(`mobilepay-callback:${environment}:${merchantId}`)
    .digest("base64url");
  return { username: merchantId, password };
}

export type CallbackVerification =
  { verified: true; merchantId: string; detail: string } | { verified: false; merchantId: null; detail: string };

/** Checks an `Authorization: Basic …` header against the credentials derived for its user name. */
export function verifyCallbackAuthorization(
  environment: string,
  header: string | null,
  secret = getEnv().NEXTAUTH_SECRET,
): CallbackVerification {
  const refuse = (detail: string) => ({ verified: false as const, merchantId: null, detail });
  if (!header) return refuse("No Authorization header: callback credentials are not registered, or were not sent");
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) return refuse("The Authorization header is not Basic");
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 1) return refuse("The Basic credentials have no user name");
  const username = decoded.slice(0, separator);
  const expected = Buffer.from(callbackCredentialsFor(environment, username, secret).password);
  const given = Buffer.from(decoded.slice(separator + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse("The Basic password does not match the one the console registered");
  }
  return { verified: true, merchantId: username, detail: "Basic credentials registered by the console" };
}
