import { randomUUID } from "node:crypto";

import type { TMerchant, TSubscriptionProvider } from "../../portal/portal-directory";
import type { Database } from "../../storage/database";
import { JsonRecordStore, type StoredRecord } from "../../storage/json-record-store";
import type { CallbackDispatcher } from "../callbacks/callback-dispatcher";
import {
  type AgreementData,
  callbackTimestamp,
  type Link,
  type OneOffData,
  type PaymentRequestData,
  type ProviderSettings,
  type RefundData,
} from "./subscriptions-model";

const MINUTE_MS = 60_000;
const REFUND_WINDOW_DAYS = 90;

export const AGREEMENT_EVENTS = {
  accepted: { status: "Active", text: "", code: 0 },
  rejected: { status: "Rejected", text: "Agreement rejected by user", code: 40000 },
  expired: { status: "Expired", text: "Pending agreement expired", code: 40001 },
  canceledByUser: { status: "Canceled", text: "Agreement canceled by user", code: 40002 },
  canceledByMerchant: { status: "Canceled", text: "Agreement canceled by merchant", code: 40003 },
} as const;
type AgreementEvent = (typeof AGREEMENT_EVENTS)[keyof typeof AGREEMENT_EVENTS];

export const PAYMENT_EVENTS = {
  executed: { status: "Executed", text: "", code: 0 },
  rejectedByUser: { status: "Rejected", text: "Rejected by user.", code: 50001 },
  declinedByMerchant: { status: "Declined", text: "Declined by merchant.", code: 50002 },
  agreementNotActive: { status: "Declined", text: 'Declined by system: Agreement is not "Active" state.', code: 50003 },
  duplicate: {
    status: "Declined",
    text: "Declined by system: Found duplicates for the same DueDate and AgreementId or ExternalId.",
    code: 50004,
  },
  agreementCanceledByMerchant: { status: "Declined", text: "Declined by system: Agreement was canceled.", code: 50005 },
  agreementCanceledByUser: { status: "Rejected", text: "Rejected by user: Agreement was canceled.", code: 50005 },
  amountTooHigh: { status: "Declined", text: "Declined by system.", code: 50006 },
  agreementMissing: { status: "Declined", text: "Declined by system: Agreement does not exist.", code: 50010 },
  dueDateTooSoon: {
    status: "Declined",
    text: "Due date of the payment must be at least 1 day in the future.",
    code: 50011,
  },
  dueDateTooLate: { status: "Declined", text: "Due date must be no more than 126 days in the future.", code: 50012 },
} as const;

export const ONE_OFF_EVENTS = {
  reserved: { status: "Reserved", text: "Payment successfully reserved.", code: 0 },
  rejected: { status: "Rejected", text: "Rejected by user.", code: 50001 },
  expired: { status: "Expired", text: "Expired by the system.", code: 50008 },
} as const;

type PaymentEvent = { status: string; text: string; code: number };

/** Recurring payment amount limits: FI 2000 EUR, DK 300000 DKK since 2023-10-02. */
const PAYMENT_LIMITS: Record<TMerchant["country"], number> = { DK: 300_000, FI: 2_000 };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export interface AgreementInput {
  amount: number | null;
  currency: "DKK" | "EUR";
  country_code: "DK" | "FI";
  plan: string;
  description: string | null;
  frequency: number;
  external_id: string | null;
  expiration_timeout_minutes: number;
  mobile_phone_number: string | null;
  retention_period_hours: number;
  disable_notification_management: boolean;
  notifications_on: boolean;
  links: Link[];
  one_off_payment: {
    amount: number;
    external_id: string;
    description: string;
    expiration_timeout_minutes: number;
  } | null;
}

export interface PaymentRequestInput {
  agreement_id: string;
  amount: number;
  due_date: string;
  external_id: string;
  description: string;
  grace_period_days: number | null;
}

export interface OneOffInput {
  amount: number;
  external_id: string;
  description: string;
  expiration_timeout_minutes: number;
  links: Link[];
  auto_reserve: boolean;
}

/** Agreements, payment requests, one-off payments and refunds, with their lifecycles and callbacks. */
export class SubscriptionsService {
  private readonly agreements: JsonRecordStore<AgreementData>;
  private readonly payments: JsonRecordStore<PaymentRequestData>;
  private readonly oneOffs: JsonRecordStore<OneOffData>;
  private readonly refunds: JsonRecordStore<RefundData>;
  private readonly providerSettings: JsonRecordStore<ProviderSettings>;

  constructor(
    db: Database,
    private readonly callbacks: CallbackDispatcher,
    private readonly publicUrl: string,
  ) {
    this.agreements = new JsonRecordStore(db, "agreement");
    this.payments = new JsonRecordStore(db, "payment-request");
    this.oneOffs = new JsonRecordStore(db, "one-off-payment");
    this.refunds = new JsonRecordStore(db, "refund");
    this.providerSettings = new JsonRecordStore(db, "subscription-provider-settings");
  }

  // --- providers -----------------------------------------------------------------------------

  async settingsOf(provider: TSubscriptionProvider): Promise<ProviderSettings> {
    return (
      (await this.providerSettings.find(provider.id))?.data ?? {
        payment_status_callback_url: null,
        callback_authorization: null,
        callback_auth_scheme: null,
        oauth2: null,
      }
    );
  }

  async updateSettings(
    merchantId: string,
    provider: TSubscriptionProvider,
    change: Partial<ProviderSettings>,
  ): Promise<void> {
    const next = { ...(await this.settingsOf(provider)), ...change };
    if (await this.providerSettings.find(provider.id)) await this.providerSettings.update(provider.id, next);
    else await this.providerSettings.insert({ id: provider.id, merchantId, parentId: null, data: next });
  }

  // --- agreements ----------------------------------------------------------------------------

  landingPageUrl(
    flow: "agreement" | "oneoff",
    id: string,
    agreement: AgreementData,
    redirectUrl: string | undefined,
  ): string {
    const url = new URL("/subscriptions-landing/", this.publicUrl);
    url.searchParams.set("flow", flow);
    url.searchParams.set("id", id);
    if (redirectUrl) url.searchParams.set("redirectUrl", redirectUrl);
    url.searchParams.set("countryCode", agreement.country_code);
    if (agreement.mobile_phone_number) url.searchParams.set("mobile", agreement.mobile_phone_number);
    return url.href;
  }

  async createAgreement(
    merchant: TMerchant,
    provider: TSubscriptionProvider,
    input: AgreementInput,
  ): Promise<{ agreement: AgreementData; oneOff: OneOffData | null }> {
    const agreement: AgreementData = {
      id: randomUUID(),
      provider_id: provider.id,
      external_id: input.external_id,
      amount: input.amount,
      currency: input.currency,
      country_code: input.country_code,
      plan: input.plan,
      description: input.description,
      frequency: input.frequency,
      expiration_timeout_minutes: input.expiration_timeout_minutes,
      mobile_phone_number: input.mobile_phone_number,
      retention_period_hours: input.retention_period_hours,
      disable_notification_management: input.disable_notification_management,
      notifications_on: input.notifications_on,
      links: input.links,
      status: "Pending",
      date_created: new Date().toISOString(),
      date_accepted: null,
      date_canceled: null,
      next_payment_date: null,
      one_off_payment_id: null,
    };
    let oneOff: OneOffData | null = null;
    if (input.one_off_payment) {
      oneOff = this.newOneOff(agreement, { ...input.one_off_payment, links: [], auto_reserve: false }, true);
      agreement.one_off_payment_id = oneOff.id;
    }
    await this.agreements.insert({
      id: agreement.id,
      merchantId: merchant.merchant_id,
      parentId: provider.id,
      data: agreement,
    });
    if (oneOff)
      await this.oneOffs.insert({
        id: oneOff.id,
        merchantId: merchant.merchant_id,
        parentId: agreement.id,
        data: oneOff,
      });
    return { agreement, oneOff };
  }

  async agreement(providerId: string, agreementId: string): Promise<StoredRecord<AgreementData> | undefined> {
    const record = await this.agreements.find(agreementId.toLowerCase());
    if (!record || record.parentId !== providerId) return undefined;
    await this.expireIfStale(record);
    return record;
  }

  async agreementById(agreementId: string): Promise<StoredRecord<AgreementData> | undefined> {
    const record = await this.agreements.find(agreementId.toLowerCase());
    if (record) await this.expireIfStale(record);
    return record;
  }

  async agreementsOf(providerId: string): Promise<AgreementData[]> {
    const records = await this.agreements.byParent(providerId);
    for (const record of records) await this.expireIfStale(record);
    return records.map((record) => record.data);
  }

  async saveAgreement(record: StoredRecord<AgreementData>): Promise<void> {
    await this.agreements.update(record.id, record.data);
  }

  /** A user accepting activates the agreement, unless a one-off must be reserved first (it is reserved at the same swipe). */
  async acceptAgreement(record: StoredRecord<AgreementData>): Promise<void> {
    const agreement = record.data;
    agreement.status = "Active";
    agreement.date_accepted = new Date().toISOString();
    await this.saveAgreement(record);
    if (agreement.one_off_payment_id) {
      const oneOff = await this.oneOffs.find(agreement.one_off_payment_id);
      if (oneOff && oneOff.data.status === "Requested")
        await this.settleOneOff(record, oneOff, ONE_OFF_EVENTS.reserved);
    }
    await this.agreementCallback(record, AGREEMENT_EVENTS.accepted);
  }

  async rejectAgreement(record: StoredRecord<AgreementData>): Promise<void> {
    record.data.status = "Rejected";
    await this.saveAgreement(record);
    await this.closeOneOffsOf(record, ONE_OFF_EVENTS.rejected);
    await this.agreementCallback(record, AGREEMENT_EVENTS.rejected);
  }

  async cancelAgreement(record: StoredRecord<AgreementData>, by: "merchant" | "user"): Promise<void> {
    record.data.status = "Canceled";
    record.data.date_canceled = new Date().toISOString();
    await this.saveAgreement(record);
    const paymentEvent =
      by === "merchant" ? PAYMENT_EVENTS.agreementCanceledByMerchant : PAYMENT_EVENTS.agreementCanceledByUser;
    for (const payment of await this.payments.byParent(record.id)) {
      if (payment.data.status === "Pending") await this.settlePayment(record, payment, paymentEvent);
    }
    for (const oneOff of await this.oneOffs.byParent(record.id)) {
      if (oneOff.data.status === "Requested" || oneOff.data.status === "Reserved") {
        oneOff.data.status = "Canceled";
        await this.oneOffs.update(oneOff.id, oneOff.data);
      }
    }
    await this.agreementCallback(
      record,
      by === "merchant" ? AGREEMENT_EVENTS.canceledByMerchant : AGREEMENT_EVENTS.canceledByUser,
    );
  }

  private async expireIfStale(record: StoredRecord<AgreementData>): Promise<void> {
    const agreement = record.data;
    if (
      agreement.status === "Pending" &&
      Date.parse(agreement.date_created) + agreement.expiration_timeout_minutes * MINUTE_MS <= Date.now()
    ) {
      agreement.status = "Expired";
      await this.saveAgreement(record);
      await this.closeOneOffsOf(record, ONE_OFF_EVENTS.expired);
      await this.agreementCallback(record, AGREEMENT_EVENTS.expired);
    }
    for (const oneOff of await this.oneOffs.byParent(record.id)) {
      if (
        oneOff.data.status === "Requested" &&
        Date.parse(oneOff.data.created_at) + oneOff.data.expiration_timeout_minutes * MINUTE_MS <= Date.now()
      ) {
        await this.settleOneOff(record, oneOff, ONE_OFF_EVENTS.expired);
      }
    }
  }

  private async closeOneOffsOf(record: StoredRecord<AgreementData>, event: PaymentEvent): Promise<void> {
    for (const oneOff of await this.oneOffs.byParent(record.id)) {
      if (oneOff.data.status === "Requested") await this.settleOneOff(record, oneOff, event);
    }
  }

  // --- recurring payment requests -------------------------------------------------------------

  /**
   * Accepts well-formed payment requests as pending; the business checks run afterwards, as at
   * MobilePay, and a declined request is reported by callback.
   */
  async createPaymentRequests(
    merchant: TMerchant,
    providerId: string,
    inputs: PaymentRequestInput[],
  ): Promise<PaymentRequestData[]> {
    const created: PaymentRequestData[] = [];
    for (const input of inputs) {
      const payment: PaymentRequestData = {
        id: randomUUID(),
        agreement_id: input.agreement_id.toLowerCase(),
        amount: input.amount,
        due_date: input.due_date,
        status: "Pending",
        status_text: "",
        status_code: 0,
        external_id: input.external_id,
        description: input.description,
        grace_period_days: input.grace_period_days,
        payment_transaction_id: null,
        payment_date: null,
      };
      const agreement = await this.agreement(providerId, payment.agreement_id);
      const decline = await this.declineReason(merchant, agreement, payment);
      await this.payments.insert({
        id: payment.id,
        merchantId: merchant.merchant_id,
        parentId: payment.agreement_id,
        data: payment,
      });
      if (decline) {
        const record = (await this.payments.find(payment.id)) as StoredRecord<PaymentRequestData>;
        await this.settlePayment(agreement, record, decline);
      }
      created.push(payment);
    }
    return created;
  }

  private async declineReason(
    merchant: TMerchant,
    agreement: StoredRecord<AgreementData> | undefined,
    payment: PaymentRequestData,
  ): Promise<PaymentEvent | null> {
    if (!agreement) return PAYMENT_EVENTS.agreementMissing;
    if (agreement.data.status !== "Active") return PAYMENT_EVENTS.agreementNotActive;
    const daysAhead = daysBetween(isoDate(new Date()), payment.due_date);
    if (daysAhead < 1) return PAYMENT_EVENTS.dueDateTooSoon;
    if (daysAhead > 126) return PAYMENT_EVENTS.dueDateTooLate;
    if (payment.amount > PAYMENT_LIMITS[merchant.country]) return PAYMENT_EVENTS.amountTooHigh;
    const siblings = await this.payments.byParent(agreement.id);
    const duplicate = siblings.some(
      (other) =>
        other.data.status !== "Declined" &&
        other.data.external_id === payment.external_id &&
        other.data.due_date === payment.due_date,
    );
    return duplicate ? PAYMENT_EVENTS.duplicate : null;
  }

  async paymentsOf(agreementId: string): Promise<PaymentRequestData[]> {
    return (await this.payments.byParent(agreementId)).map((record) => record.data);
  }

  async payment(agreementId: string, paymentId: string): Promise<StoredRecord<PaymentRequestData> | undefined> {
    const record = await this.payments.find(paymentId.toLowerCase());
    return record && record.parentId === agreementId ? record : undefined;
  }

  async paymentById(paymentId: string): Promise<StoredRecord<PaymentRequestData> | undefined> {
    return this.payments.find(paymentId.toLowerCase());
  }

  async savePayment(record: StoredRecord<PaymentRequestData>): Promise<void> {
    await this.payments.update(record.id, record.data);
  }

  async settlePayment(
    agreement: StoredRecord<AgreementData> | undefined,
    record: StoredRecord<PaymentRequestData>,
    event: PaymentEvent,
  ): Promise<void> {
    const payment = record.data;
    payment.status = event.status as PaymentRequestData["status"];
    payment.status_text = event.text;
    payment.status_code = event.code;
    if (event.code === 0) {
      payment.payment_transaction_id = randomUUID();
      payment.payment_date = isoDate(new Date());
    }
    await this.savePayment(record);
    if (!agreement) return;
    await this.paymentCallback(agreement, {
      payment_id: payment.id,
      amount: payment.amount,
      payment_date: payment.payment_date ?? payment.due_date,
      external_id: payment.external_id,
      payment_type: "Regular",
      event,
    });
  }

  /** Sandbox shortcut for "the due date came": executes every pending payment request of the merchant. */
  async executePendingPayments(merchantId: string | undefined): Promise<number> {
    let executed = 0;
    const records = merchantId ? await this.payments.byMerchant(merchantId) : await this.payments.all();
    for (const record of records) {
      if (record.data.status !== "Pending") continue;
      const agreement = await this.agreementById(record.data.agreement_id);
      await this.settlePayment(agreement, record, PAYMENT_EVENTS.executed);
      executed += 1;
    }
    return executed;
  }

  // --- one-off payments -----------------------------------------------------------------------

  private newOneOff(
    agreement: AgreementData,
    input: Omit<OneOffInput, "links" | "auto_reserve"> & Partial<OneOffInput>,
    activatesAgreement: boolean,
  ): OneOffData {
    return {
      id: randomUUID(),
      agreement_id: agreement.id,
      currency: agreement.currency,
      amount: input.amount,
      description: input.description,
      external_id: input.external_id,
      status: "Requested",
      expiration_timeout_minutes: input.expiration_timeout_minutes,
      links: input.links ?? [],
      payment_transaction_id: null,
      created_at: new Date().toISOString(),
      activates_agreement: activatesAgreement,
    };
  }

  async createOneOff(agreement: StoredRecord<AgreementData>, input: OneOffInput): Promise<OneOffData> {
    const oneOff = this.newOneOff(agreement.data, input, false);
    await this.oneOffs.insert({
      id: oneOff.id,
      merchantId: agreement.merchantId,
      parentId: agreement.id,
      data: oneOff,
    });
    if (input.auto_reserve) {
      const record = (await this.oneOffs.find(oneOff.id)) as StoredRecord<OneOffData>;
      await this.settleOneOff(agreement, record, ONE_OFF_EVENTS.reserved);
      return record.data;
    }
    return oneOff;
  }

  async oneOffsOf(agreementId: string): Promise<OneOffData[]> {
    return (await this.oneOffs.byParent(agreementId)).map((record) => record.data);
  }

  async oneOff(agreementId: string, paymentId: string): Promise<StoredRecord<OneOffData> | undefined> {
    const record = await this.oneOffs.find(paymentId.toLowerCase());
    return record && record.parentId === agreementId ? record : undefined;
  }

  async saveOneOff(record: StoredRecord<OneOffData>): Promise<void> {
    await this.oneOffs.update(record.id, record.data);
  }

  async settleOneOff(
    agreement: StoredRecord<AgreementData>,
    record: StoredRecord<OneOffData>,
    event: PaymentEvent,
  ): Promise<void> {
    record.data.status = event.status as OneOffData["status"];
    if (event.code === 0) record.data.payment_transaction_id = randomUUID();
    await this.saveOneOff(record);
    await this.paymentCallback(agreement, {
      payment_id: record.id,
      amount: record.data.amount,
      payment_date: isoDate(new Date()),
      external_id: record.data.external_id,
      payment_type: "OneOff",
      event,
    });
  }

  // --- refunds -----------------------------------------------------------------------------

  async refundsOf(paymentId: string): Promise<RefundData[]> {
    return (await this.refunds.byParent(paymentId)).map((record) => record.data);
  }

  /** Full refund when amount is omitted; the outcome (Issued or Declined) arrives by callback. */
  async createRefund(
    agreement: StoredRecord<AgreementData>,
    payment: { id: string; amount: number; settled: boolean; settledOn: string | null },
    input: { amount: number | null; status_callback_url: string; external_id: string | null },
  ): Promise<RefundData> {
    const previous = (await this.refunds.byParent(payment.id)).filter((record) => record.data.status === "Issued");
    const refunded = previous.reduce((sum, record) => sum + record.data.amount, 0);
    const amount = input.amount ?? Math.round((payment.amount - refunded) * 100) / 100;
    let outcome: { status: RefundData["status"]; text: string; code: number } = { status: "Issued", text: "", code: 0 };
    if (!payment.settled) outcome = { status: "Declined", text: "Payment cannot be refunded", code: 60004 };
    else if (refunded >= payment.amount)
      outcome = { status: "Declined", text: "Payment is already fully refunded", code: 60001 };
    else if (refunded + amount > payment.amount + 1e-9)
      outcome = { status: "Declined", text: "Refund sum exceeds the original amount", code: 60002 };
    else if (payment.settledOn && daysBetween(payment.settledOn, isoDate(new Date())) > REFUND_WINDOW_DAYS) {
      outcome = { status: "Declined", text: "Payment is older than 90 days", code: 60006 };
    }
    const refund: RefundData = {
      id: randomUUID(),
      agreement_id: agreement.id,
      payment_id: payment.id,
      amount,
      currency: agreement.data.currency,
      status: outcome.status,
      status_text: outcome.text,
      status_code: outcome.code,
      status_callback_url: input.status_callback_url,
      external_id: input.external_id,
      created_at: new Date().toISOString(),
    };
    await this.refunds.insert({ id: refund.id, merchantId: agreement.merchantId, parentId: payment.id, data: refund });
    await this.callbacks.enqueue({
      queue: "refund",
      url: refund.status_callback_url,
      headers: await this.callbackHeaders(agreement.data.provider_id),
      body: {
        refund_id: refund.id,
        agreement_id: refund.agreement_id,
        payment_id: refund.payment_id,
        amount: refund.amount,
        currency: refund.currency,
        status: refund.status,
        status_text: refund.status_text,
        status_code: refund.status_code,
        external_id: refund.external_id,
      },
    });
    return refund;
  }

  // --- callbacks ---------------------------------------------------------------------------

  private async callbackHeaders(providerId: string): Promise<Record<string, string>> {
    const settings = (await this.providerSettings.find(providerId))?.data;
    return settings?.callback_authorization ? { Authorization: settings.callback_authorization } : {};
  }

  private async agreementCallback(record: StoredRecord<AgreementData>, event: AgreementEvent): Promise<void> {
    const agreement = record.data;
    const rel = event.code === 0 ? "success-callback" : "cancel-callback";
    const url = agreement.links.find((link) => link.rel === rel)?.href;
    if (!url) return;
    await this.callbacks.enqueue({
      queue: "agreement",
      url,
      headers: await this.callbackHeaders(agreement.provider_id),
      body: {
        agreement_id: agreement.id,
        status: event.status,
        status_text: event.text,
        status_code: event.code,
        external_id: agreement.external_id,
        timestamp: callbackTimestamp(),
      },
    });
  }

  private async paymentCallback(
    agreement: StoredRecord<AgreementData>,
    payment: {
      payment_id: string;
      amount: number;
      payment_date: string;
      external_id: string;
      payment_type: "Regular" | "OneOff";
      event: PaymentEvent;
    },
  ): Promise<void> {
    const settings = (await this.providerSettings.find(agreement.data.provider_id))?.data;
    if (!settings?.payment_status_callback_url) return;
    await this.callbacks.enqueue({
      queue: "payment",
      url: settings.payment_status_callback_url,
      headers: await this.callbackHeaders(agreement.data.provider_id),
      body: {
        agreement_id: agreement.id,
        payment_id: payment.payment_id,
        amount: payment.amount,
        currency: agreement.data.currency,
        payment_date: payment.payment_date,
        status: payment.event.status,
        status_text: payment.event.text,
        status_code: payment.event.code,
        external_id: payment.external_id,
        payment_type: payment.payment_type,
      },
    });
  }
}
