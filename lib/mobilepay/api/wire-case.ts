import { z } from "zod";

import { camelizeKeys } from "@/lib/mobilepay/api/camelize-keys";

/**
 * The Invoice API's docs show PascalCase, its OpenAPI file camelCase, and ASP.NET
 * answers either; schemas are written in camelCase and read both.
 */
export function eitherCase<T extends z.ZodType>(schema: T) {
  return z.preprocess(camelizeKeys, schema);
}

/** Optional wire values arrive as null or are left out; the app sees null for both. */
export function nullish<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? null);
}

/** Amounts arrive as numbers or as "0.00" strings (MobilePay's examples mix both). */
export const ZWireAmountSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** For 204 answers: any (usually empty) body is fine. */
export const ZNoContentSchema = z.unknown().transform(() => null);
