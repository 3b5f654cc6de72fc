import { NextResponse, type NextRequest } from "next/server";

import { AppError, toErrorBody } from "@/lib/errors";
import { LINK_TRANSACTION_COOKIE, LINK_TRANSACTION_COOKIE_OPTIONS } from "@/lib/links/link-cookie";
import { startLinkTransaction } from "@/lib/links/start-link-transaction";

/**
 * Called by the consent page in the merchant's browser (no staff session).
 * Same-origin only: a link must be started from its own page.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ token: string }> }) {
  if (request.headers.get("sec-fetch-site") !== "same-origin") {
    const error = new AppError("CROSS_SITE_REQUEST", { userMessage: "Open the link in your browser to continue." });
    return NextResponse.json(toErrorBody(error), { status: error.status });
  }
  try {
    const { token } = await context.params;
    const { transactionId, providerId } = await startLinkTransaction(token);
    const response = NextResponse.json({ providerId });
    response.cookies.set(LINK_TRANSACTION_COOKIE, transactionId, LINK_TRANSACTION_COOKIE_OPTIONS);
    return response;
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(toErrorBody(error), { status: error.status });
    throw error;
  }
}
