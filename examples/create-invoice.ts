// Gets a merchant's access token and creates an InvoiceLink through the console's proxy.
// Run: CONSOLE_URL=http://localhost:3000 CONSOLE_API_KEY=mplc_test_… MERCHANT_ID=… npx tsx examples/create-invoice.ts
/* eslint-disable no-console -- an example prints what it did, for the person running it */
import createClient from "openapi-fetch";

import type { paths } from "./integrator-api";

const { CONSOLE_URL = "http://localhost:3000", CONSOLE_API_KEY, MERCHANT_ID: merchantId = "" } = process.env;
const api = createClient<paths>({
  baseUrl: `${CONSOLE_URL}/api/v1`,
  headers: { authorization: `Bearer ${CONSOLE_API_KEY}` },
  // A proxied path keeps its slashes; each segment is still encoded.
  pathSerializer: (path, params) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]).split("/").map(encodeURIComponent).join("/")),
});
const viaProxy = (path: string) => ({ params: { path: { merchantId, product: "invoice" as const, path } } });

const token = await api.POST("/merchants/{merchantId}/access-token", { params: { path: { merchantId } } });
if (!token.data) throw new Error(`No token: ${token.error?.detail}`);
console.log(`Access token valid until ${token.data.expires_at} (refreshed: ${token.data.refreshed})`);

const me = (await api.GET("/merchants/{merchantId}/proxy/{product}/{path}", viaProxy("api/v1/merchants/me"))).data;
const mobilePayId = (me as { MerchantId: string }).MerchantId;
const issuers = await api.GET(
  "/merchants/{merchantId}/proxy/{product}/{path}",
  viaProxy(`api/v1/merchants/${mobilePayId}/invoiceissuers`),
);
const issuer = (issuers.data as { InvoiceIssuers: { Id: string }[] }).InvoiceIssuers[0]!.Id;
const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const invoice = await api.POST("/merchants/{merchantId}/proxy/{product}/{path}", {
  ...viaProxy(`api/v1/merchants/${mobilePayId}/invoices/link`),
  body: {
    InvoiceIssuer: issuer,
    InvoiceNumber: `EX-${Date.now()}`,
    TotalAmount: 125,
    TotalVatAmount: 25,
    DueDate: dueDate,
    InvoiceArticles: [{ ArticleDescription: "Bread", TotalPriceIncludingVat: 125 }],
  },
});
if (!invoice.data) throw new Error(`MobilePay refused the invoice: ${JSON.stringify(invoice.error)}`);
console.log(`Created invoice ${JSON.stringify(invoice.data)}`);
