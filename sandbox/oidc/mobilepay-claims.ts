/** The access token audience MobilePay's APIs expect. */
export const API_AUDIENCE = "https://api.mobilepay.dk/merchant/resources";

/** Every scope MobilePay knows; discovery lists them without offline_access, as MobilePay's does. */
export const KNOWN_SCOPES = [
  "openid",
  "offline_access",
  "invoice",
  "subscriptions",
  "transactionreporting",
  "merchantpayments",
  "webhooks",
] as const;

export const PRODUCT_SCOPES = ["invoice", "subscriptions"] as const;

export const PRODUCT_NAMES: Record<string, string> = {
  invoice: "Invoice",
  subscriptions: "Subscriptions",
  transactionreporting: "Transaction reporting",
  merchantpayments: "Merchant payments",
  webhooks: "Webhooks",
};

/** MobilePay tokens name the authentication this way (decoded from the official samples). */
export const AUTHENTICATION_METHODS = ["UserEnteredCode", "ServerProvidedKey"];
export const IDENTITY_PROVIDER = "local";

export function productNamesFor(scope: string): string[] {
  return scope
    .split(" ")
    .map((name) => PRODUCT_NAMES[name])
    .filter((name): name is string => name !== undefined);
}
