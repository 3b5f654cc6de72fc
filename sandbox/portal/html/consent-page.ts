import type { TMerchant } from "../portal-directory";
import { escapeHtml } from "./escape-html";
import { renderPortalPage } from "./portal-layout";

export interface ConsentPageOptions {
  formAction: string;
  cancelAction: string;
  clientName: string;
  productNames: string[];
  /** One merchant when merchant_vat chose it (or the user has only one); several means "let the user pick". */
  merchants: TMerchant[];
  signedInAs: { name: string };
}

function merchantBlock(merchants: TMerchant[]): string {
  if (merchants.length === 1) {
    const [merchant] = merchants as [TMerchant];
    return `<input type="hidden" name="merchant_id" value="${escapeHtml(merchant.merchant_id)}">
      <dl class="merchant">
        <dt>Business</dt><dd>${escapeHtml(merchant.name)}</dd>
        <dt>VAT number</dt><dd>${escapeHtml(merchant.merchant_vat)}</dd>
      </dl>`;
  }
  const options = merchants
    .map(
      (merchant) =>
        `<option value="${escapeHtml(merchant.merchant_id)}">${escapeHtml(merchant.name)} (${escapeHtml(merchant.merchant_vat)})</option>`,
    )
    .join("");
  return `<label for="merchant_id">Business</label><select id="merchant_id" name="merchant_id">${options}</select>`;
}

export function renderConsentPage(options: ConsentPageOptions): string {
  const products = options.productNames.map((name) => `<li>${escapeHtml(name)}</li>`).join("");
  return renderPortalPage({
    title: "Give access",
    signedInAs: options.signedInAs,
    body: `<div class="card">
      <h1>Give ${escapeHtml(options.clientName)} access</h1>
      <p class="lead">${escapeHtml(options.clientName)} asks for access to these MobilePay products on behalf of your business:</p>
      <ul class="products" aria-label="Requested products">${products}</ul>
      <form method="post" action="${escapeHtml(options.formAction)}" id="consent-form">
        ${merchantBlock(options.merchants)}
      </form>
      <form method="post" action="${escapeHtml(options.cancelAction)}" id="cancel-form"></form>
      <div class="actions">
        <button class="primary" type="submit" form="consent-form">Allow</button>
        <button class="secondary" type="submit" form="cancel-form">Cancel</button>
      </div>
    </div>`,
  });
}
