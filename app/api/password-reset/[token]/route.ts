import { NextResponse, type NextRequest } from "next/server";

import { ZSetPasswordFromLinkSchema } from "@/lib/account/account-schemas";
import { resetPasswordWithLink } from "@/lib/account/reset-password-with-link";
import { AppError, toErrorBody } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";
import { logger } from "@/lib/logger";

/**
 * Sets a new password through a reset link, from the link's own page (no staff session: the person is
 * locked out). Same-origin only, like every state-changing console route; the link is the credential.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ token: string }> }) {
  try {
    if (request.headers.get("sec-fetch-site") !== "same-origin") {
      throw new AppError("CROSS_SITE_REQUEST", { userMessage: "Open the link in your browser to continue." });
    }
    const raw: unknown = await request.json().catch(() => null);
    const parsed = ZSetPasswordFromLinkSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "Some fields are not valid.",
        fieldErrors: zodFieldErrors(parsed.error),
      });
    }
    const { token } = await context.params;
    await resetPasswordWithLink({ token, password: parsed.data.password });
    return NextResponse.json({ ok: true });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(toErrorBody(error), { status: error.status });
    logger.error("password reset failed", { error });
    return NextResponse.json(toErrorBody(new AppError("INTERNAL")), { status: 500 });
  }
}
