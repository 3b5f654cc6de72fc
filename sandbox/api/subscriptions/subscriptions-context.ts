import type { FaultState } from "../../faults/fault-state";
import { readJsonBody } from "../../http/request-body";
import { sendEmpty } from "../../http/responses";
import type { PortalDirectory, TSubscriptionProvider } from "../../portal/portal-directory";
import { type ApiContext, apiEndpoint } from "../api-endpoint";
import type { BearerTokenCheck } from "../bearer-token-check";
import { correlationIdOf } from "../correlation-id";
import type { AgreementData } from "./subscriptions-model";
import { badRequest, sendNotFound, sendSubscriptionsError, type SubscriptionsError } from "./subscriptions-errors";
import type { SubscriptionsService } from "./subscriptions-service";
import type { StoredRecord } from "../../storage/json-record-store";

export const SUBSCRIPTIONS_PREFIX = "/subscriptions";

export interface SubscriptionsRouteDependencies {
  tokens: BearerTokenCheck;
  faults: FaultState;
  directory: PortalDirectory;
  subscriptions: SubscriptionsService;
}

/** Helpers shared by the Subscriptions route files. */
export class SubscriptionsEndpoints {
  constructor(readonly deps: SubscriptionsRouteDependencies) {}

  endpoint(handler: (context: ApiContext) => Promise<void>) {
    return apiEndpoint(this.deps.tokens, this.deps.faults, "subscriptions", handler);
  }

  fail(context: ApiContext, error: SubscriptionsError): void {
    sendSubscriptionsError(context.res, correlationIdOf(context.req), error);
  }

  /** The body as JSON, or undefined after answering 400. */
  async body(context: ApiContext): Promise<unknown> {
    const body = await readJsonBody(context.req);
    if (body.ok) return body.value;
    this.fail(
      context,
      badRequest(body.reason === "empty" ? "request is required" : "The request body is not valid JSON"),
    );
    return undefined;
  }

  /** The caller's provider named in the path; another merchant's provider is refused (403), an unknown one is 404. */
  provider(context: ApiContext): TSubscriptionProvider | undefined {
    const providerId = (context.params.providerId ?? "").toLowerCase();
    const own = context.caller.merchant.subscription_providers.find((provider) => provider.id === providerId);
    if (own) return own;
    const exists = this.deps.directory.users.some((user) =>
      user.merchants.some((merchant) => merchant.subscription_providers.some((provider) => provider.id === providerId)),
    );
    sendEmpty(context.res, exists ? 403 : 404);
    return undefined;
  }

  async agreement(
    context: ApiContext,
  ): Promise<{ provider: TSubscriptionProvider; agreement: StoredRecord<AgreementData> } | undefined> {
    const provider = this.provider(context);
    if (!provider) return undefined;
    const agreement = await this.deps.subscriptions.agreement(provider.id, context.params.agreementId ?? "");
    if (!agreement) {
      sendNotFound(context.res);
      return undefined;
    }
    return { provider, agreement };
  }
}

export function agreementView(agreement: AgreementData, mobilePayLink: string): Record<string, unknown> {
  return {
    id: agreement.id,
    date_created: agreement.date_created,
    date_accepted: agreement.date_accepted,
    date_canceled: agreement.date_canceled,
    external_id: agreement.external_id,
    amount: agreement.amount,
    currency: agreement.currency,
    next_payment_date: agreement.next_payment_date,
    frequency: agreement.frequency,
    plan: agreement.plan,
    description: agreement.description,
    status: agreement.status,
    country_code: agreement.country_code,
    links: [{ rel: "mobile-pay", href: mobilePayLink }, ...agreement.links],
    expiration_timeout_minutes: agreement.expiration_timeout_minutes,
    retention_period_hours: agreement.retention_period_hours,
    disable_notification_management: agreement.disable_notification_management,
    notifications_on: agreement.notifications_on,
    mobile_phone_number: agreement.mobile_phone_number,
  };
}
