import type { KnownIds } from "@/lib/calls/sample-call-context";
import type { SampleCallView } from "@/lib/calls/sample-call-view";
import { camelizeKeys } from "@/lib/mobilepay/api/camelize-keys";

function body(call: SampleCallView): Record<string, unknown> | undefined {
  if (call.outcome !== "success" || !call.responseBody) return undefined;
  try {
    const value = camelizeKeys(JSON.parse(call.responseBody));
    const first = Array.isArray(value) ? (value[0] as unknown) : value;
    return first && typeof first === "object" ? (first as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function firstItem(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) && value[0] && typeof value[0] === "object"
    ? (value[0] as Record<string, unknown>)
    : undefined;
}

/**
 * Ids learnt from earlier successful calls (newest first), so the next form can
 * offer them: the issuer for an invoice, the agreement for a payment, and so on.
 */
export function knownIdsFrom(calls: readonly SampleCallView[]): KnownIds {
  const known: KnownIds = {};
  for (const call of calls) {
    const answer = body(call);
    if (!answer) continue;
    switch (call.operation) {
      case "invoice.list-issuers":
        known.invoiceIssuerId ??= asString(firstItem(answer.invoiceIssuers)?.id);
        break;
      case "subscriptions.merchant-info":
        known.providerId ??= asString(firstItem(answer.subscriptionProviders)?.subscriptionProviderId);
        break;
      case "invoice.create-direct":
      case "invoice.create-link":
        known.invoiceId ??= asString(answer.invoiceId);
        break;
      case "subscriptions.create-agreement": {
        const agreementId = asString(answer.id);
        known.agreementId ??= agreementId;
        const oneOffId = asString(answer.one_off_payment_id);
        if (agreementId && oneOffId) known.oneOff ??= { agreementId, paymentId: oneOffId };
        break;
      }
      case "subscriptions.create-one-off": {
        const agreementId = /\/agreements\/([^/]+)\/oneoffpayments/.exec(call.url)?.[1];
        const paymentId = asString(answer.id);
        if (agreementId && paymentId) known.oneOff ??= { agreementId: decodeURIComponent(agreementId), paymentId };
        break;
      }
      case "subscriptions.create-payment-request":
        known.paymentId ??= asString(firstItem(answer.pending_payments)?.payment_id);
        break;
    }
  }
  return known;
}
