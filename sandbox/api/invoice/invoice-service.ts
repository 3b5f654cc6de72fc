import { randomUUID } from "node:crypto";

import type { PortalDirectory, TAppUser, TMerchant } from "../../portal/portal-directory";
import type { Database } from "../../storage/database";
import { JsonRecordStore } from "../../storage/json-record-store";
import type { CallbackDispatcher } from "../callbacks/callback-dispatcher";
import { domainError, type InvoiceError } from "./invoice-errors";
import type { InvoiceInput, InvoiceKind } from "./invoice-input";

export type InvoiceStatus = "created" | "invalid" | "accepted" | "paid" | "rejected" | "expired" | "canceled";

export interface InvoiceData {
  InvoiceId: string;
  Kind: InvoiceKind;
  Input: InvoiceInput;
  Status: InvoiceStatus;
  PaymentDate: string | null;
  ConsumerUserId: string | null;
  CurrencyCode: "DKK" | "EUR";
  CountryCode: "DK" | "FI";
  IssueDate: string;
  CreatedOn: string;
  PaymentTransactionId: string | null;
  /** Next callback sequence number; MobilePay's start at 0 per invoice. */
  NextSequence: number;
}

export interface CallbackAuth {
  callbackUrl: string;
  authorization: string;
}

/** DK's limit was raised from 15000 to 300000 DKK on 2023-11-06; FI stays at 2000 EUR. */
const AMOUNT_LIMITS: Record<TMerchant["country"], number> = { DK: 300_000, FI: 2_000 };
const DUE_DATE_HORIZON_DAYS = 400;
const DAILY_INVOICES_PER_CONSUMER = 10;
const FINAL_STATUSES = new Set<InvoiceStatus>(["paid", "rejected", "expired", "canceled"]);

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(date) + days * 86_400_000));
}

function capitalized(status: InvoiceStatus): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** Invoice state and rules: creation checks, lifecycle, and the callbacks each change triggers. */
export class InvoiceService {
  private readonly invoices: JsonRecordStore<InvoiceData>;
  private readonly callbackSettings: JsonRecordStore<CallbackAuth>;

  constructor(
    db: Database,
    private readonly directory: PortalDirectory,
    private readonly callbacks: CallbackDispatcher,
    private readonly publicUrl: string,
  ) {
    this.invoices = new JsonRecordStore(db, "invoice");
    this.callbackSettings = new JsonRecordStore(db, "invoice-callback-auth");
  }

  landingPageUrl(invoiceId: string): string {
    return new URL(`/invoice-landing/${invoiceId}`, this.publicUrl).href;
  }

  /** Business rules of invoice creation; failures are DomainErrors (HTTP 409) with MobilePay's codes. */
  async checkRules(
    merchant: TMerchant,
    input: InvoiceInput,
    kind: InvoiceKind,
  ): Promise<InvoiceError | TAppUser | null> {
    const issuer = merchant.invoice_issuers.find((candidate) => candidate.id === input.InvoiceIssuer);
    if (!issuer) return domainError("10202", "Invoice issuer not found");
    if (issuer.status !== "enabled") return domainError("10203", "Invoice issuer account validation error");
    if (input.TotalAmount <= 0) return domainError("10008", "Amount must be greater than 0");
    if (input.TotalAmount > AMOUNT_LIMITS[merchant.country]) return domainError("10201", "Amount limit exceeded");

    const today = isoDate(new Date());
    if (input.DueDate < today) return domainError("10311", "DueDate cannot be earlier than today");
    if (input.DueDate >= addDays(today, DUE_DATE_HORIZON_DAYS))
      return domainError("10310", "DueDate cannot be more than 400 days in the future");
    if (input.IssueDate !== undefined && input.IssueDate > today)
      return domainError("10312", "IssueDate cannot be later than today");

    let consumer: TAppUser | null = null;
    if (input.ConsumerAlias) {
      consumer = this.directory.appUserByPhone(input.ConsumerAlias.Alias) ?? null;
      if (!consumer && kind === "Direct") return domainError("10101", "User not found");
    }

    const existing = await this.invoices.byMerchant(merchant.merchant_id);
    const serialized = JSON.stringify(input);
    if (existing.some((record) => record.data.Kind === kind && JSON.stringify(record.data.Input) === serialized)) {
      return domainError("10301", "Invoice already exists");
    }
    if (consumer) {
      const todays = existing.filter(
        (record) => record.data.ConsumerUserId === consumer?.id && record.data.CreatedOn === today,
      );
      if (todays.length >= DAILY_INVOICES_PER_CONSUMER)
        return domainError("10314", "Daily limit of invoices for this user reached");
    }
    return consumer;
  }

  async create(
    merchant: TMerchant,
    input: InvoiceInput,
    kind: InvoiceKind,
    consumer: TAppUser | null,
    withLinksInCallback = false,
  ): Promise<InvoiceData> {
    const today = isoDate(new Date());
    const invoice: InvoiceData = {
      InvoiceId: randomUUID(),
      Kind: kind,
      Input: input,
      Status: "created",
      PaymentDate: null,
      ConsumerUserId: consumer?.id ?? null,
      CurrencyCode: merchant.country === "DK" ? "DKK" : "EUR",
      CountryCode: merchant.country,
      IssueDate: input.IssueDate ?? today,
      CreatedOn: today,
      PaymentTransactionId: null,
      NextSequence: 0,
    };
    await this.invoices.insert({
      id: invoice.InvoiceId,
      merchantId: merchant.merchant_id,
      parentId: null,
      data: invoice,
    });
    const links = withLinksInCallback
      ? { Links: [{ Rel: "user-redirect", Href: this.landingPageUrl(invoice.InvoiceId) }] }
      : {};
    await this.emit(merchant.merchant_id, invoice, links);
    return invoice;
  }

  async find(merchantId: string, invoiceId: string): Promise<InvoiceData | undefined> {
    const record = await this.invoices.find(invoiceId.toLowerCase());
    return record && record.merchantId === merchantId ? record.data : undefined;
  }

  async findForConsumer(invoiceId: string): Promise<{ merchantId: string; invoice: InvoiceData } | undefined> {
    const record = await this.invoices.find(invoiceId.toLowerCase());
    return record ? { merchantId: record.merchantId, invoice: record.data } : undefined;
  }

  async cancel(merchantId: string, invoice: InvoiceData): Promise<InvoiceError | null> {
    if (FINAL_STATUSES.has(invoice.Status)) {
      return domainError("10504", `Invoice has already been ${invoice.Status}`);
    }
    await this.transition(merchantId, invoice, "canceled");
    return null;
  }

  /** The app user swipes to accept: paid at once, or scheduled when the payment date is in the future. */
  async accept(
    merchantId: string,
    invoice: InvoiceData,
    user: TAppUser,
    paymentDate: string | undefined,
  ): Promise<InvoiceError | null> {
    const refusal = this.consumerRefusal(invoice, user, ["created"]);
    if (refusal) return refusal;
    const today = isoDate(new Date());
    const date = paymentDate ?? today;
    if (date > addDays(invoice.Input.DueDate, 30))
      return domainError("10311", "Payment date cannot be more than 30 days after DueDate");
    invoice.ConsumerUserId = user.id;
    invoice.PaymentDate = date;
    await this.transition(merchantId, invoice, "accepted", { PaymentDate: date });
    if (date <= today) {
      invoice.PaymentTransactionId = randomUUID();
      await this.transition(merchantId, invoice, "paid");
    }
    return null;
  }

  /** A Link invoice can only be rejected once it was accepted (scheduled), per MobilePay's docs. */
  async reject(merchantId: string, invoice: InvoiceData, user: TAppUser): Promise<InvoiceError | null> {
    const allowed: InvoiceStatus[] = invoice.Kind === "Link" ? ["accepted"] : ["created", "accepted"];
    const refusal = this.consumerRefusal(invoice, user, allowed);
    if (refusal) return refusal;
    await this.transition(merchantId, invoice, "rejected");
    return null;
  }

  async setCallbackAuth(merchantId: string, auth: CallbackAuth): Promise<void> {
    if (await this.callbackSettings.find(merchantId)) await this.callbackSettings.update(merchantId, auth);
    else await this.callbackSettings.insert({ id: merchantId, merchantId, parentId: null, data: auth });
  }

  private consumerRefusal(invoice: InvoiceData, user: TAppUser, allowed: InvoiceStatus[]): InvoiceError | null {
    if (invoice.Kind === "Direct" && invoice.ConsumerUserId !== user.id) return domainError("10101", "User not found");
    if (!allowed.includes(invoice.Status)) return domainError("10504", `Invoice is ${invoice.Status}`);
    return null;
  }

  private async transition(
    merchantId: string,
    invoice: InvoiceData,
    status: InvoiceStatus,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    invoice.Status = status;
    await this.emit(merchantId, invoice, extra);
  }

  /** Saves the invoice and queues its callback, when the merchant registered a callback URL. */
  private async emit(merchantId: string, invoice: InvoiceData, extra: Record<string, unknown>): Promise<void> {
    const sequence = invoice.NextSequence;
    invoice.NextSequence += 1;
    await this.invoices.update(invoice.InvoiceId, invoice);
    const auth = (await this.callbackSettings.find(merchantId))?.data;
    if (!auth) return;
    await this.callbacks.enqueue({
      queue: "invoice",
      url: auth.callbackUrl,
      headers: { Authorization: auth.authorization },
      body: {
        InvoiceId: invoice.InvoiceId,
        Status: capitalized(invoice.Status),
        Date: new Date().toISOString(),
        Sequence: sequence,
        ...extra,
      },
    });
  }
}
