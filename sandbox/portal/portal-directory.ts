import { readFile } from "node:fs/promises";

import { z } from "zod";

export const MERCHANT_VAT_PATTERN = /^(DK|FI)\d{8}$/;

const ZInvoiceIssuerSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  status: z.enum(["pending", "enabled", "disabled"]),
  address: z.string(),
  city: z.string(),
  zip_code: z.string(),
});

const ZSubscriptionProviderSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  status: z.enum(["Enabled", "Pending"]),
  address: z.string(),
  city: z.string(),
  zip_code: z.string(),
});

const ZMerchantSchema = z.object({
  merchant_id: z.uuid(),
  merchant_vat: z.string().regex(MERCHANT_VAT_PATTERN),
  name: z.string().min(1),
  country: z.enum(["DK", "FI"]),
  invoice_issuers: z.array(ZInvoiceIssuerSchema).default([]),
  subscription_providers: z.array(ZSubscriptionProviderSchema).default([]),
});

const ZPortalUserSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  password: z.string().min(1),
  name: z.string().min(1),
  merchants: z.array(ZMerchantSchema).min(1),
});

const ZAppUserSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  phone: z.string().regex(/^\+\d{8,15}$/),
});

const ZSeedFileSchema = z.object({
  users: z.array(ZPortalUserSchema).min(1),
  app_users: z.array(ZAppUserSchema).default([]),
});

export type TMerchant = z.infer<typeof ZMerchantSchema>;
export type TPortalUser = z.infer<typeof ZPortalUserSchema>;
export type TAppUser = z.infer<typeof ZAppUserSchema>;
export type TInvoiceIssuer = z.infer<typeof ZInvoiceIssuerSchema>;
export type TSubscriptionProvider = z.infer<typeof ZSubscriptionProviderSchema>;

/** The merchant portal's users, their merchants, and the MobilePay app users used by the simulation endpoints. */
export class PortalDirectory {
  /** Looked up on every token the OP issues; a seed may hold thousands of merchants (the benchmarks' do). */
  private readonly merchantsById: Map<string, TMerchant>;

  private constructor(
    readonly users: TPortalUser[],
    readonly appUsers: TAppUser[],
  ) {
    this.merchantsById = new Map(
      users.flatMap((user) => user.merchants.map((merchant) => [merchant.merchant_id, merchant] as const)),
    );
  }

  static async load(seedFile: string): Promise<PortalDirectory> {
    return PortalDirectory.fromSeed(JSON.parse(await readFile(seedFile, "utf8")) as unknown);
  }

  static fromSeed(seed: unknown): PortalDirectory {
    const parsed = ZSeedFileSchema.parse(seed);
    return new PortalDirectory(parsed.users, parsed.app_users);
  }

  userById(id: string): TPortalUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  userByEmail(email: string): TPortalUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((user) => user.email.toLowerCase() === wanted);
  }

  merchantById(merchantId: string): TMerchant | undefined {
    return this.merchantsById.get(merchantId);
  }

  /** Another merchant, of the same portal user when it has one, for answers that name the wrong merchant. */
  otherMerchantThan(merchant: TMerchant): TMerchant | undefined {
    const differs = (candidate: TMerchant) => candidate.merchant_id !== merchant.merchant_id;
    const owner = this.users.find((user) => user.merchants.some((candidate) => !differs(candidate)));
    return owner?.merchants.find(differs) ?? this.users.flatMap((user) => user.merchants).find(differs);
  }

  appUserById(id: string): TAppUser | undefined {
    return this.appUsers.find((user) => user.id === id);
  }

  appUserByPhone(phone: string): TAppUser | undefined {
    return this.appUsers.find((user) => user.phone === phone);
  }
}
