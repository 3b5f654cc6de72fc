export interface Link {
  rel: string;
  href: string;
}

export type AgreementStatus = "Pending" | "Active" | "Rejected" | "Expired" | "Canceled";
export type PaymentStatus = "Pending" | "Executed" | "Failed" | "Rejected" | "Declined";
export type OneOffStatus = "Requested" | "Reserved" | "Rejected" | "Expired" | "Canceled" | "Captured";
export type RefundStatus = "Issued" | "Declined";

export interface AgreementData {
  id: string;
  provider_id: string;
  external_id: string | null;
  amount: number | null;
  currency: "DKK" | "EUR";
  country_code: "DK" | "FI";
  plan: string;
  description: string | null;
  frequency: number;
  expiration_timeout_minutes: number;
  mobile_phone_number: string | null;
  retention_period_hours: number;
  disable_notification_management: boolean;
  notifications_on: boolean;
  links: Link[];
  status: AgreementStatus;
  date_created: string;
  date_accepted: string | null;
  date_canceled: string | null;
  next_payment_date: string | null;
  one_off_payment_id: string | null;
}

export interface PaymentRequestData {
  id: string;
  agreement_id: string;
  amount: number;
  due_date: string;
  status: PaymentStatus;
  status_text: string;
  status_code: number;
  external_id: string;
  description: string;
  grace_period_days: number | null;
  payment_transaction_id: string | null;
  payment_date: string | null;
}

export interface OneOffData {
  id: string;
  agreement_id: string;
  currency: "DKK" | "EUR";
  amount: number;
  description: string;
  external_id: string;
  status: OneOffStatus;
  expiration_timeout_minutes: number;
  links: Link[];
  payment_transaction_id: string | null;
  created_at: string;
  /** Created together with a new agreement; reserving it is what activates the agreement. */
  activates_agreement: boolean;
}

export interface RefundData {
  id: string;
  agreement_id: string;
  payment_id: string;
  amount: number;
  currency: "DKK" | "EUR";
  status: RefundStatus;
  status_text: string;
  status_code: number;
  status_callback_url: string;
  external_id: string | null;
  created_at: string;
}

export interface ProviderSettings {
  payment_status_callback_url: string | null;
  /** Value of the Authorization header MobilePay sends on callbacks, from the auth/* endpoints. */
  callback_authorization: string | null;
  callback_auth_scheme: "apikey" | "basic" | "oauth2" | null;
  oauth2: { client_id: string; token_url: string; scope: string | null } | null;
}

/** MobilePay's timestamp format in callbacks: `2020-01-01T12:34:56+00:00`. */
export function callbackTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}
