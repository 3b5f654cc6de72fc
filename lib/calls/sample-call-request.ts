import { z } from "zod";

/** The envelope the calls route accepts; the values are checked against the operation's own schema. */
export const ZRunSampleCallSchema = z.object({
  operation: z.string().min(1).max(80),
  values: z.record(z.string().max(60), z.union([z.string().max(2000), z.boolean()])),
});
export type TRunSampleCall = z.infer<typeof ZRunSampleCallSchema>;
