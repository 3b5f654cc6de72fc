import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { assertMerchantVisible, requireEnvironmentAccess } from "@/lib/auth/require-environment-access";
import type { Actor } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { callbackCredentialsFor } from "@/lib/calls/callback-credentials";
import { callbackUrlsFor } from "@/lib/calls/callback-urls";
import type { Country } from "@/lib/calls/sample-call-context";
import { sampleCallFacts } from "@/lib/calls/sample-call-facts";
import type { RunSampleCallResult, SampleCallOutcome } from "@/lib/calls/sample-call-view";
import { findSampleOperation } from "@/lib/calls/sample-operations";
import { toSampleCallView } from "@/lib/calls/to-sample-call-view";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";
import type { ApiOutcome } from "@/lib/mobilepay/api/api-exchange";
import { gatewayCredentialsFor } from "@/lib/mobilepay/api/gateway-credentials";
import type { MobilePayApiError } from "@/lib/mobilepay/api/mobilepay-api-error";
import type { Product } from "@/lib/mobilepay/environment-config";
import { createInvoiceClient } from "@/lib/mobilepay/invoice/invoice-client";
import { createSubscriptionsClient } from "@/lib/mobilepay/subscriptions/subscriptions-client";
import { withMerchantAccessToken } from "@/lib/tokens/with-merchant-access-token";

const PRODUCT_LABELS: Record<Product, string> = { invoice: "Invoice", subscriptions: "Subscriptions" };
const MAX_STORED_BODY = 100_000;

export type RunSampleCallOptions = {
  merchantId: string;
  staff: CurrentStaff;
  operationId: string;
  values: Record<string, string | boolean>;
};

function outcomeOf(outcome: ApiOutcome<unknown>): SampleCallOutcome {
  if (outcome.ok) return "success";
  if (outcome.status === 401) return "unauthorized";
  if (outcome.status === 0) return "network-error";
  return "api-error";
}

/** What staff should do next, for failures MobilePay deliberately words vaguely. */
function hintFor(error: MobilePayApiError | null, retriedAfter401: boolean): string | null {
  if (!error) return null;
  if (error.kind === "unauthorized") {
    return retriedAfter401
      ? "MobilePay still refused the token after a refresh: the consent may be revoked — relink the merchant."
      : "MobilePay refused the token.";
  }
  if (error.kind === "forbidden") {
    return "MobilePay refused access (403): the consent may not cover this merchant (merchant_vat) or resource — relink the merchant.";
  }
  if (error.kind === "timeout") return "MobilePay did not answer within 15 seconds.";
  return null;
}

function capped(text: string | null): string | null {
  return text !== null && text.length > MAX_STORED_BODY ? `${text.slice(0, MAX_STORED_BODY)}…` : text;
}

/**
 * Runs one sample call through the token service (refresh and one retry on
 * 401), then stores it for the inspector and writes `call.<operation>` to the
 * audit trail, in one transaction. Invalid input never reaches MobilePay.
 */
export async function runSampleCall({
  merchantId,
  staff,
  operationId,
  values,
}: RunSampleCallOptions): Promise<RunSampleCallResult> {
  const operation = findSampleOperation(operationId);
  if (!operation) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "Unknown sample call.",
      fieldErrors: { operation: ["Choose a call"] },
    });
  }
  const { merchant, link } = await sampleCallFacts(merchantId);
  assertMerchantVisible(staff, merchant);
  const environment = requireEnvironmentAccess(staff, merchant.environment);
  if (operation.sandboxOnly && !environment.isSandbox) {
    throw new AppError("INVALID_INPUT", { userMessage: "User simulation exists only in sandbox environments." });
  }
  if (!link) {
    throw new AppError("CONFLICT", {
      userMessage: "This merchant has no active link — relink it to run sample calls.",
    });
  }
  const label = PRODUCT_LABELS[operation.product];
  if (!link.grantedProducts.includes(operation.product)) {
    throw new AppError("CONFLICT", {
      message: `grantedScopes lack ${operation.product}`,
      userMessage: `This link has no ${label} consent — relink with ${label}.`,
    });
  }

  const callbackUrls = callbackUrlsFor(environment.id);
  const parsed = operation
    .schema({
      country: merchant.vatNumber.slice(0, 2) as Country,
      today: new Date().toISOString().slice(0, 10),
      callbackUrls,
      allowLoopbackHttp: environment.id === "sandbox",
    })
    .safeParse(values);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "Some fields are not valid; nothing was sent to MobilePay.",
      fieldErrors: zodFieldErrors(parsed.error),
    });
  }

  const actor: Actor = { type: "staff", id: staff.id, label: staff.email };
  const action = `call.${operation.id}`;
  const mobilePayMerchantId = link.mobilePayId;
  const connectionFor = (accessToken: string, baseUrl: string) => ({
    baseUrl,
    allowedHosts: environment.allowedHosts,
    accessToken,
    gatewayCredentials: gatewayCredentialsFor(environment.id),
  });

  let result;
  try {
    result = await withMerchantAccessToken(merchantId, actor, async (accessToken) => {
      const outcome = await operation.execute(
        {
          invoice: createInvoiceClient(connectionFor(accessToken, environment.apiBase.invoice)),
          subscriptions: createSubscriptionsClient(connectionFor(accessToken, environment.apiBase.subscriptions)),
          mobilePayMerchantId,
          callbackCredentials: callbackCredentialsFor(environment.id, merchantId),
          callbackUrls,
        },
        parsed.data,
      );
      return { status: outcome.status, value: outcome };
    });
  } catch (error) {
    // The token service could not give a token (relink needed, MobilePay down): nothing reached the API.
    await recordAuditEvent({
      actor,
      action,
      environment: environment.id,
      merchantId,
      outcome: "failure",
      details: { reason: error instanceof AppError ? error.userMessage : "The call could not be made", stage: "token" },
    });
    throw error;
  }

  const outcome = result.value;
  const { exchange } = outcome;
  const error = outcome.ok ? null : outcome.error;
  const stored = await getDb().$transaction(async (tx) => {
    const call = await tx.sampleCall.create({
      data: {
        merchantId,
        environment: environment.id,
        product: operation.product,
        operation: operation.id,
        method: exchange.method,
        url: exchange.url,
        requestHeaders: JSON.stringify(exchange.requestHeaders),
        requestBody: capped(exchange.requestBody),
        responseStatus: exchange.status,
        responseBody: capped(exchange.responseBody),
        durationMs: exchange.durationMs,
        correlationId: error?.correlationId ?? exchange.correlationId,
        refreshed: result.refreshed,
        outcome: outcomeOf(outcome),
        errorCode: error ? (error.code ?? error.errorType ?? error.kind) : null,
        errorMessage: error?.message ?? null,
        staffId: staff.id,
        staffLabel: staff.email,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action,
        environment: environment.id,
        merchantId,
        outcome: outcome.ok ? "success" : "failure",
        details: {
          sampleCallId: call.id,
          status: exchange.status ?? 0,
          correlationId: call.correlationId,
          refreshed: result.refreshed,
          retriedAfter401: result.retriedAfter401,
          ...(error ? { errorCode: call.errorCode, reason: error.message } : {}),
        },
      },
      tx,
    );
    await tx.merchant.update({ where: { id: merchantId }, data: { lastActivityAt: new Date() } });
    return call;
  });

  return {
    call: toSampleCallView(stored),
    retriedAfter401: result.retriedAfter401,
    errorKind: error?.kind ?? null,
    hint: hintFor(error, result.retriedAfter401),
  };
}
