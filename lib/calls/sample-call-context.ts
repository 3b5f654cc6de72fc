import type { Product } from "@/lib/mobilepay/environment-config";

export type Country = "DK" | "FI";

/** What the validation rules depend on: the merchant's country, today's date, where callbacks may go. */
export type RuleContext = {
  country: Country;
  /** YYYY-MM-DD (UTC), the day the rules are checked on. */
  today: string;
  /** The console's own callback endpoints for this environment; callback links must point there. */
  callbackUrls: Record<CallbackKind, string>;
  /** Only the built-in sandbox accepts http://localhost callbacks; MobilePay wants https. */
  allowLoopbackHttp: boolean;
};

export const CALLBACK_KINDS = ["invoice", "agreement", "payment", "refund"] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** Ids learnt from earlier sample calls, so forms can offer them. */
export type KnownIds = {
  invoiceIssuerId?: string;
  providerId?: string;
  invoiceId?: string;
  agreementId?: string;
  oneOff?: { agreementId: string; paymentId: string };
  paymentId?: string;
};

/** A MobilePay app user of the sandbox, for the user-simulation endpoints. */
export type SampleAppUser = { id: string; name: string; phone: string };

export type PrefillContext = RuleContext & {
  known: KnownIds;
  appUser: SampleAppUser | null;
  grantedProducts: Product[];
};
