import { z } from "zod";

export const ZPasswordSchema = z.string().min(12, "Use at least 12 characters").max(200, "Use at most 200 characters");

export const ZEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address"));
