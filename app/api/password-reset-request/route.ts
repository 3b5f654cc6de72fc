import { after, NextResponse, type NextRequest } from "next/server";

import { ZRequestPasswordResetSchema } from "@/lib/account/account-schemas";
import { PASSWORD_RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/lib/account/request-password-reset";
import { getEnv } from "@/lib/env";
import { AppError, toErrorBody } from "@/lib/errors";
import { senderAddress } from "@/lib/http/sender-address";
import { tooManyRequests } from "@/lib/http/too-many-requests";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";
import { logger } from "@/lib/logger";
import { mailSettings } from "@/lib/mail/mail-settings";

/**
 * "Forgot password?" from the sign-in page: asks for a reset link by mail. Exists only with a mail server and
 * password sign-in. Every email gets the same answer at the same speed: the look-up and the mail run after the
 * answer has gone out.
 */
export async function POST(request: NextRequest) {
  try {
    const env = getEnv();
    const settings = mailSettings(env);
    if (!settings || !env.STAFF_PASSWORD_SIGN_IN) {
      throw new AppError("NOT_FOUND", { userMessage: "Ask an admin of the console for a password reset link." });
    }
    if (request.headers.get("sec-fetch-site") !== "same-origin") {
      throw new AppError("CROSS_SITE_REQUEST", { userMessage: "Cross-site requests are not accepted." });
    }
    const parsed = ZRequestPasswordResetSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "Some fields are not valid.",
        fieldErrors: zodFieldErrors(parsed.error),
      });
    }
    const outcome = await requestPasswordReset(
      { email: parsed.data.email, address: senderAddress(request.headers) },
      settings,
    );
    if (outcome.kind === "throttled") {
      return tooManyRequests(outcome.retryAfterMs, "Too many requests for a password reset. Try again later.");
    }
    after(async () => {
      try {
        await outcome.deliver();
      } catch (error) {
        logger.error("password reset request not delivered", { error });
      }
    });
    return NextResponse.json({ message: PASSWORD_RESET_REQUESTED_MESSAGE });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(toErrorBody(error), { status: error.status });
    logger.error("password reset request failed", { error });
    return NextResponse.json(toErrorBody(new AppError("INTERNAL")), { status: 500 });
  }
}
