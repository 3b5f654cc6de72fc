import {
  startTestSandbox,
  ANNA,
  CONSOLE_CLIENT,
  type TestSandbox,
} from "../../../../sandbox/test/support/test-sandbox";
import { linkAndRedeem } from "../../../../sandbox/test/support/hybrid-flow";

/** Anna's Finnish merchant (FI12345678) in the sandbox seed, with its invoice issuer and subscription provider. */
export const FINNISH_MERCHANT = {
  merchantId: ANNA.finnishMerchant.id,
  vat: ANNA.finnishMerchant.vat,
  invoiceIssuerId: "e5f47b25-73d9-4f11-a1d1-cf7ba7b971c1",
  providerId: "49269cdb-a9af-4e68-8927-1d5090af44e0",
};

/** Aino Laine, the Finnish MobilePay app user of the sandbox seed. */
export const FINNISH_APP_USER = { id: "c2f6a8d4-3e1b-4f0a-9b7c-6d5e4f3a2b10", phone: "+358401234567" };

export type LinkedSandbox = { fixture: TestSandbox; host: string; accessTokenFor: (scope: string) => Promise<string> };

/** A sandbox on a free port, and a way to get access tokens for Anna's Finnish merchant through the hybrid flow. */
export async function startLinkedSandbox(): Promise<LinkedSandbox> {
  const fixture = await startTestSandbox();
  return {
    fixture,
    host: new URL(fixture.url).host,
    accessTokenFor: async (scope) =>
      (
        await linkAndRedeem(fixture.url, {
          client: CONSOLE_CLIENT,
          email: ANNA.email,
          password: ANNA.password,
          merchantVat: ANNA.finnishMerchant.vat,
          scope,
        })
      ).accessToken,
  };
}
