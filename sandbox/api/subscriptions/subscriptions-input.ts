import { isPlainObject } from "../case-insensitive-fields";
import { HTTPS_REQUIRED_MESSAGE, isAcceptableCallbackUrl, RequestFields } from "./request-fields";
import type { Link } from "./subscriptions-model";
import type { AgreementInput, OneOffInput, PaymentRequestInput } from "./subscriptions-service";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const FREQUENCIES = [1, 2, 4, 12, 26, 52, 365, 0] as const;
const MAX_EXPIRATION_MINUTES = 181_440;
const MAX_AMOUNT = 2_147_483_647;

export type Parsed<T> = { value: T } | { problems: string[] };

function readLinks(fields: RequestFields, required: readonly string[], optional: readonly string[]): Link[] {
  const raw = fields.raw("links");
  if (!Array.isArray(raw)) {
    fields.problem("links", "is required");
    return [];
  }
  const links: Link[] = [];
  for (const entry of raw) {
    if (!isPlainObject(entry) || typeof entry.rel !== "string" || typeof entry.href !== "string") {
      fields.problem("links", "must contain objects with rel and href");
      continue;
    }
    if (![...required, ...optional].includes(entry.rel)) {
      fields.problem("links", `contains an unknown rel '${entry.rel}'`);
      continue;
    }
    if (!URL.canParse(entry.href)) {
      fields.problem("links", `has an invalid href for '${entry.rel}'`);
      continue;
    }
    const isCallback = entry.rel.endsWith("-callback");
    if ((isCallback || entry.rel === "cancel-redirect") && !isAcceptableCallbackUrl(entry.href)) {
      fields.problem("links", `'${entry.rel}': ${HTTPS_REQUIRED_MESSAGE}`);
      continue;
    }
    links.push({ rel: entry.rel, href: entry.href });
  }
  for (const rel of required) {
    if (!links.some((link) => link.rel === rel) && !fields.problems.some((problem) => problem.includes("links"))) {
      fields.problem("links", `must contain a '${rel}' link`);
    }
  }
  return links;
}

/** CreateAgreementRequest (DOCS-2023 agreement.md, OAS-SUB). */
export function parseAgreementInput(body: unknown): Parsed<AgreementInput> {
  const fields = new RequestFields(body);
  const currency = fields.oneOf("currency", ["DKK", "EUR"] as const, { required: true });
  const countryCode = fields.oneOf("country_code", ["DK", "FI"] as const, { required: true });
  if (currency && countryCode && (currency === "DKK") !== (countryCode === "DK")) {
    fields.problem("currency", "does not match country_code (DKK goes with DK, EUR with FI)");
  }
  const phone = fields.string("mobile_phone_number");
  if (phone !== undefined && !/^(45\d{8}|358\d{6,10})$/.test(phone))
    fields.problem("mobile_phone_number", "must look like 45xxxxxxxx");

  let oneOff: AgreementInput["one_off_payment"] = null;
  const rawOneOff = fields.raw("one_off_payment");
  if (rawOneOff !== undefined && rawOneOff !== null) {
    const oneOffFields = new RequestFields(rawOneOff, "request.OneOffPayment.");
    const amount = oneOffFields.number("amount", { required: true, min: 0.01, max: MAX_AMOUNT });
    const externalId = oneOffFields.string("external_id", { required: true, max: 64 });
    const description = oneOffFields.string("description", { required: true, max: 60 });
    const expiration =
      oneOffFields.integer("expiration_timeout_minutes", { min: 1, max: MAX_EXPIRATION_MINUTES }) ?? 1440;
    fields.problems.push(...oneOffFields.problems);
    if (amount !== undefined && externalId !== undefined && description !== undefined) {
      oneOff = { amount, external_id: externalId, description, expiration_timeout_minutes: expiration };
    }
  }

  const value = {
    amount: fields.number("amount", { min: 0, max: MAX_AMOUNT }) ?? null,
    currency: currency ?? "DKK",
    country_code: countryCode ?? "DK",
    plan: fields.string("plan", { required: true, max: 30 }) ?? "",
    description: fields.string("description", { max: 60 }) ?? null,
    frequency: fields.oneOf("frequency", FREQUENCIES) ?? 0,
    external_id: fields.string("external_id", { min: 1, max: 64 }) ?? null,
    expiration_timeout_minutes:
      fields.integer("expiration_timeout_minutes", { required: true, min: 1, max: MAX_EXPIRATION_MINUTES }) ?? 0,
    mobile_phone_number: phone ?? null,
    retention_period_hours: fields.integer("retention_period_hours", { min: 0, max: 24 }) ?? 0,
    disable_notification_management: fields.boolean("disable_notification_management") ?? false,
    notifications_on: fields.boolean("notifications_on") ?? true,
    links: readLinks(fields, ["user-redirect", "success-callback", "cancel-callback"], ["cancel-redirect"]),
    one_off_payment: oneOff,
  };
  return fields.problems.length ? { problems: fields.problems } : { value };
}

/** RequestPaymentRequest; problems are reported per item in rejected_payments. */
export function parsePaymentRequestInput(body: unknown): Parsed<PaymentRequestInput> {
  const fields = new RequestFields(body);
  const agreementId = fields.string("agreement_id", { required: true });
  if (agreementId !== undefined && !GUID.test(agreementId)) fields.problem("agreement_id", "must be a GUID");
  const value = {
    agreement_id: agreementId ?? "",
    amount: fields.number("amount", { required: true, min: 0.01, max: MAX_AMOUNT }) ?? 0,
    due_date: fields.date("due_date", { required: true }) ?? "",
    external_id: fields.string("external_id", { required: true, max: 64 }) ?? "",
    description: fields.string("description", { required: true, max: 60 }) ?? "",
    grace_period_days: fields.oneOf("grace_period_days", [1, 2, 3] as const) ?? null,
  };
  return fields.problems.length ? { problems: fields.problems } : { value };
}

/** RequestOneOffPaymentRequest on an existing agreement. */
export function parseOneOffInput(body: unknown): Parsed<OneOffInput> {
  const fields = new RequestFields(body);
  const value = {
    amount: fields.number("amount", { required: true, min: 0.01, max: MAX_AMOUNT }) ?? 0,
    external_id: fields.string("external_id", { required: true, max: 64 }) ?? "",
    description: fields.string("description", { required: true, max: 60 }) ?? "",
    expiration_timeout_minutes:
      fields.integer("expiration_timeout_minutes", { min: 1, max: MAX_EXPIRATION_MINUTES }) ?? 1440,
    auto_reserve: fields.boolean("auto_reserve") ?? false,
    links: fields.raw("links") === undefined ? [] : readLinks(fields, [], ["user-redirect"]),
  };
  return fields.problems.length ? { problems: fields.problems } : { value };
}

export function parseRefundInput(
  body: unknown,
): Parsed<{ amount: number | null; status_callback_url: string; external_id: string | null }> {
  const fields = new RequestFields(body);
  const url = fields.string("status_callback_url", { required: true });
  if (url !== undefined && !isAcceptableCallbackUrl(url)) fields.problem("status_callback_url", HTTPS_REQUIRED_MESSAGE);
  const value = {
    amount: fields.number("amount", { exclusiveMin: 0, max: MAX_AMOUNT }) ?? null,
    status_callback_url: url ?? "",
    external_id: fields.string("external_id", { max: 64 }) ?? null,
  };
  return fields.problems.length ? { problems: fields.problems } : { value };
}
