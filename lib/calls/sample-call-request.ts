import { z } from "zod";

import { isWellFormed } from "@/lib/validation/well-formed";

const ZFormText = (max: number) =>
  z.string().max(max).refine(isWellFormed, "Contains an incomplete character (ill-formed Unicode)");

/** The envelope the calls route accepts; the values are checked against the operation's own schema. */
export const ZRunSampleCallSchema = z.object({
  operation: z.string().min(1).max(80),
  values: z.record(ZFormText(60), z.union([ZFormText(2000), z.boolean()])),
});
export type TRunSampleCall = z.infer<typeof ZRunSampleCallSchema>;
