import "server-only";

import { summarizeFailedDelivery } from "@/lib/calls/callback-body";
import type { ReceivedCallbackView, SampleCallsData } from "@/lib/calls/sample-call-view";
import { toSampleCallView } from "@/lib/calls/to-sample-call-view";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const HISTORY_SIZE = 50;

function summarize(kind: string, body: string): string {
  const failed = summarizeFailedDelivery(body);
  if (failed) return failed;
  try {
    const value: unknown = JSON.parse(body);
    const events = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    return events
      .map((event) => {
        const id = event.InvoiceId ?? event.agreement_id ?? event.refund_id ?? event.payment_id;
        const status = event.Status ?? event.status;
        const ref = kind === "payment" ? event.payment_id : kind === "refund" ? event.refund_id : id;
        return [status, typeof ref === "string" ? ref : undefined].filter(Boolean).join(" · ");
      })
      .join("; ");
  } catch {
    return "Body is not JSON";
  }
}

/** The merchant's recent sample calls and the callbacks MobilePay delivered for it, newest first. */
export async function listSampleCalls(merchantId: string): Promise<SampleCallsData> {
  const db = getDb();
  const merchant = await db.merchant.findUnique({ where: { id: merchantId }, select: { id: true } });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  const [calls, callbacks] = await Promise.all([
    db.sampleCall.findMany({
      where: { merchantId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_SIZE,
    }),
    db.receivedCallback.findMany({
      where: { merchantId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: HISTORY_SIZE,
    }),
  ]);
  return {
    calls: calls.map(toSampleCallView),
    callbacks: callbacks.map((callback): ReceivedCallbackView => ({
      id: callback.id,
      kind: callback.kind,
      verified: callback.verified,
      status: callback.verified
        ? "verified"
        : summarizeFailedDelivery(callback.body) === null
          ? "unverified"
          : "incomplete",
      verificationDetail: callback.verificationDetail,
      body: callback.body,
      receivedAt: callback.receivedAt.toISOString(),
      summary: summarize(callback.kind, callback.body),
    })),
  };
}
