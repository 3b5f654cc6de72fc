import { z } from "zod";

import { isWellFormed } from "@/lib/validation/well-formed";

/** C0 and C1 controls and DEL, and the line and paragraph separators: a name is one line of text. */
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;
/**
 * Bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI): they can make
 * a name read as something else, or reorder the text shown after it on the same line.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** Why a text cannot be a human name, or null when it can. Shared by every schema that accepts a name. */
export function humanNameProblem(value: string): string | null {
  if (!isWellFormed(value)) return "Contains an incomplete character (ill-formed Unicode)";
  if (CONTROL_CHARACTER.test(value)) return "Remove control characters and line breaks";
  if (BIDI_CONTROL.test(value)) return "Remove bidirectional text controls (overrides and isolates)";
  return null;
}

/** The zod refinement: one message per problem, on the field that has it. */
export function refineHumanName(value: string, context: z.RefinementCtx): void {
  const problem = humanNameProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
}

/** A person's or a company's name as staff type it: trimmed, one line, well-formed, no bidi controls. */
export function ZHumanNameSchema({ required, max }: { required: string; max: number }) {
  return z.string().trim().min(1, required).max(max, `Use at most ${max} characters`).superRefine(refineHumanName);
}
