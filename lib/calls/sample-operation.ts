import type { z } from "zod";

import type { CallbackKind, PrefillContext, RuleContext } from "@/lib/calls/sample-call-context";
import type { ApiOutcome } from "@/lib/mobilepay/api/api-exchange";
import type { Product } from "@/lib/mobilepay/environment-config";
import type { InvoiceClient } from "@/lib/mobilepay/invoice/invoice-client";
import type { SubscriptionsClient } from "@/lib/mobilepay/subscriptions/subscriptions-client";

/** What an operation may call with: both clients for the merchant's token, and the console's callback setup. */
export type OperationApis = {
  invoice: InvoiceClient;
  subscriptions: SubscriptionsClient;
  /** MobilePay's merchant id (the merchant_id claim), used in Invoice paths. */
  mobilePayMerchantId: string;
  callbackCredentials: { username: string; password: string };
  callbackUrls: Record<CallbackKind, string>;
};

export type FieldSpec = {
  name: string;
  label: string;
  kind: "text" | "number" | "date" | "select" | "checkbox";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  readOnly?: boolean;
  prefill: (context: PrefillContext) => string | boolean;
};

type Definition<Input> = {
  id: string;
  product: Product;
  label: string;
  description: string;
  /** User simulation exists only in sandbox environments. */
  sandboxOnly?: boolean;
  fields: FieldSpec[];
  schema: (rules: RuleContext) => z.ZodType<Input>;
  execute: (apis: OperationApis, input: Input) => Promise<ApiOutcome<unknown>>;
};

/** One sample call the console can run; the same definition validates in the browser and runs on the server. */
export type SampleOperation = {
  id: string;
  product: Product;
  label: string;
  description: string;
  sandboxOnly: boolean;
  fields: FieldSpec[];
  schema: (rules: RuleContext) => z.ZodType<unknown>;
  execute: (apis: OperationApis, input: unknown) => Promise<ApiOutcome<unknown>>;
};

/** Keeps each operation's input type between its schema and its call, then erases it for the catalogue. */
export function defineOperation<Input>(definition: Definition<Input>): SampleOperation {
  return {
    ...definition,
    sandboxOnly: definition.sandboxOnly ?? false,
    schema: definition.schema,
    // The input reaching execute has always been through this operation's own schema.
    execute: (apis, input) => definition.execute(apis, input as Input),
  };
}
