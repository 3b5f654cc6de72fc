import { z } from "zod";

export const RefreshTokenUsage = z.enum(["OneTime", "ReUse"]);
export type TRefreshTokenUsage = z.infer<typeof RefreshTokenUsage>;

export const ZSandboxClientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  clientName: z.string().min(1).optional(),
  redirectUris: z.array(z.url()).min(1),
  refreshTokenUsage: RefreshTokenUsage.default("OneTime"),
});
export type TSandboxClient = z.infer<typeof ZSandboxClientSchema>;

export const ZSandboxOptionsSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  /** 0 picks a free port, which is what the tests use. */
  port: z.number().int().min(0).max(65535).default(4010),
  /** Derived from host and port when omitted. */
  publicUrl: z.url().optional(),
  /** Defaults to `${publicUrl}/merchant`, which deliberately differs from the discovery path, as at MobilePay. */
  issuer: z.url().optional(),
  dataDir: z.string().min(1),
  clients: z.array(ZSandboxClientSchema).min(1),
  controlToken: z.string().min(16),
  accessTokenTtlSeconds: z.number().int().positive().default(300),
  /** Multiplies every callback delay (batching and retries): 1 is MobilePay's real schedule. */
  callbackTimeScale: z.number().positive().max(1).default(0.01),
  seedFile: z.string().min(1).optional(),
  /** Logs one line per request when true. */
  logRequests: z.boolean().default(false),
});
export type TSandboxOptionsInput = z.input<typeof ZSandboxOptionsSchema>;
export type TSandboxOptions = z.infer<typeof ZSandboxOptionsSchema>;

export interface ResolvedSandboxOptions extends TSandboxOptions {
  publicUrl: string;
  issuer: string;
}
