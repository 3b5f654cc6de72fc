import { z } from "zod";

/** A code as staff type it: six digits from the app, or a recovery code with or without its dashes. */
export const ZSecondFactorCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(6, "Enter the code from your authenticator app")
    .max(40, "That is longer than any code")
    .regex(/^[0-9A-Za-z\s-]+$/, "Use the digits or letters of the code only"),
});
export type TSecondFactorCode = z.infer<typeof ZSecondFactorCodeSchema>;
