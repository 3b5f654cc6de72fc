import { NextResponse, type NextRequest } from "next/server";

import { PASSKEY_SIGN_IN_THROTTLED_MESSAGE, reservePasskeySignInRequest } from "@/lib/auth/passkey-sign-in-limit";
import { passkeySignInOptions } from "@/lib/auth/verify-passkey-assertion";
import { getEnv } from "@/lib/env";
import { AppError, toErrorBody } from "@/lib/errors";
import { senderAddress } from "@/lib/http/sender-address";
import { tooManyRequests } from "@/lib/http/too-many-requests";

/**
 * Options for a passkey sign-in, asked by the sign-in page before anyone is signed in. Same-origin only, and
 * only while password sign-in is on: passkeys stand beside passwords, never in place of company SSO. Each
 * answer stores a challenge, so an address may ask only so often.
 */
export async function POST(request: NextRequest) {
  if (request.headers.get("sec-fetch-site") !== "same-origin") {
    const error = new AppError("CROSS_SITE_REQUEST", { userMessage: "Cross-site requests are not accepted." });
    return NextResponse.json(toErrorBody(error), { status: error.status });
  }
  if (!getEnv().STAFF_PASSWORD_SIGN_IN) {
    const error = new AppError("NOT_FOUND", { userMessage: "Passkey sign-in is off." });
    return NextResponse.json(toErrorBody(error), { status: error.status });
  }
  const reserved = await reservePasskeySignInRequest("options", senderAddress(request.headers));
  if (!reserved.allowed) return tooManyRequests(reserved.retryAfterMs, PASSKEY_SIGN_IN_THROTTLED_MESSAGE);
  return NextResponse.json({ options: await passkeySignInOptions() });
}
