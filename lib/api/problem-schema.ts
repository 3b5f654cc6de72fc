import { z } from "zod";

import { API_PROBLEMS, PROBLEM_TYPE_BASE } from "@/lib/api/api-problem";

/** The RFC 9457 body every failure of the API answers with, as the OpenAPI document describes it. */
export const ZProblemSchema = z
  .object({
    type: z.string().meta({
      description: `One stable URI reference per failure kind: ${Object.keys(API_PROBLEMS)
        .map((kind) => `\`${PROBLEM_TYPE_BASE}${kind}\``)
        .join(", ")}.`,
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Per-field messages (invalid-request)." }),
    reason: z.string().optional().meta({ description: "Why MobilePay refused the link (relink-needed)." }),
    required_scope: z.string().optional().meta({ description: "The scope the endpoint needs (scope-missing)." }),
  })
  .meta({ id: "Problem" });
