import { z } from "zod";

import { addDays } from "@/lib/calls/operation-form";
import type { Country, RuleContext } from "@/lib/calls/sample-call-context";

/**
 * Building blocks of the sample-call schemas. Every rule is MobilePay's documented
 * one (mobilepay.md §6–§7); the server checks each run with them before anything
 * reaches MobilePay. Inputs arrive as form strings, so empty means "not given".
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Invoice TotalAmount limits (DK raised to 300000 DKK on 2023-11-06; FI 2000 EUR). */
export const INVOICE_AMOUNT_LIMITS: Record<Country, number> = { DK: 300_000, FI: 2_000 };
/** Recurring payment limits (DK 300000 DKK since 2023-10-02; FI 2000 EUR). */
export const PAYMENT_AMOUNT_LIMITS: Record<Country, number> = { DK: 300_000, FI: 2_000 };
export const CURRENCY: Record<Country, "DKK" | "EUR"> = { DK: "DKK", FI: "EUR" };
export const MAX_AMOUNT = 2_147_483_647;

const blankToUndefined = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

export const optionalText = (max: number, label = "This field") =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label} may have at most ${max} characters`).optional());

export const requiredText = (max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.string({ error: message }).min(1, message).max(max, `Use at most ${max} characters`),
  );

export const guid = (message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.string({ error: message }).regex(GUID, message),
  );

function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const normalized = value.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : value;
}

const numberMessage = { error: "Enter a number, e.g. 49.90" };

/** Major-unit amount with at most two decimals, as MobilePay's "0.00" format. */
export const amount = (options: { min: number; max: number; minMessage: string; maxMessage: string }) =>
  z.preprocess(
    toNumber,
    z
      .number(numberMessage)
      .min(options.min, options.minMessage)
      .max(options.max, options.maxMessage)
      .refine((value) => Math.round(value * 100) === Math.round(value * 1000) / 10, "Use at most two decimals"),
  );

export const optionalAmount = (options: Parameters<typeof amount>[0]) =>
  z.preprocess(blankToUndefined, amount(options).optional());

export const integer = (min: number, max: number, message: string) =>
  z.preprocess(toNumber, z.number(numberMessage).int(message).min(min, message).max(max, message));

export const isoDate = z
  .string({ error: "Enter a date (YYYY-MM-DD)" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date (YYYY-MM-DD)")
  .refine((value) => !Number.isNaN(Date.parse(value)), "Enter a real date");

/** A date between today+fromDays and today+toDays, both inclusive. */
export const dateWithin = (rules: RuleContext, fromDays: number, toDays: number, message: string) =>
  isoDate.refine((value) => value >= addDays(rules.today, fromDays) && value <= addDays(rules.today, toDays), message);

function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** https, or http on localhost where the built-in sandbox allows it. */
export const webUrl = (rules: RuleContext, message = "Enter an https:// URL") =>
  z
    .string({ error: message })
    .trim()
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return url.protocol === "https:" || (rules.allowLoopbackHttp && url.protocol === "http:" && isLoopback(url));
    }, message);

/**
 * A callback link must be the console's own endpoint: MobilePay sends the
 * registered callback credentials along, so they may not go anywhere else.
 */
export const consoleCallbackUrl = (rules: RuleContext, expected: string) =>
  webUrl(
    rules,
    rules.allowLoopbackHttp
      ? "Callback links must be https (or http://localhost in the built-in sandbox)"
      : "MobilePay only calls https callback links; set the console's public URL to https",
  ).refine((value) => value === expected, "Callbacks go to this console's own endpoint, so its credentials stay here");

export const phoneAlias = z.preprocess(
  (value) => (typeof value === "string" ? value.replace(/\s+/g, "") : value),
  z
    .string({ error: "Enter the phone number with country code, e.g. +4512345678" })
    .regex(/^\+(45\d{8}|358\d{6,10})$/, "Use +45 and 8 digits (DK) or +358 and the number (FI)"),
);

export const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());
