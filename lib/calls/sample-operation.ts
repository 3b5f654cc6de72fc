import type { z } from "zod";

import type { OperationForm } from "@/lib/calls/operation-form";
import { findOperationForm } from "@/lib/calls/operation-forms";
import type { CallbackKind, RuleContext } from "@/lib/calls/sample-call-context";
import type { ApiOutcome } from "@/lib/mobilepay/api/api-exchange";
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

type Definition<Input> = {
  schema: (rules: RuleContext) => z.ZodType<Input>;
  execute: (apis: OperationApis, input: Input) => Promise<ApiOutcome<unknown>>;
};

/** One sample call the console can run: the form the browser shows, the schema and the call the server runs. */
export type SampleOperation = Omit<OperationForm, "sandboxOnly"> & {
  sandboxOnly: boolean;
  schema: (rules: RuleContext) => z.ZodType<unknown>;
  execute: (apis: OperationApis, input: unknown) => Promise<ApiOutcome<unknown>>;
};

/**
 * Joins an operation's form (by id) with its schema and call, keeping the input type between the two, then
 * erases it for the catalogue.
 */
export function defineOperation<Input>(id: string, definition: Definition<Input>): SampleOperation {
  const form = findOperationForm(id);
  if (!form) throw new Error(`No form for the sample operation ${id}`);
  return {
    ...form,
    sandboxOnly: form.sandboxOnly ?? false,
    schema: definition.schema,
    // The input reaching execute has always been through this operation's own schema.
    execute: (apis, input) => definition.execute(apis, input as Input),
  };
}
