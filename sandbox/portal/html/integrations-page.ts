import { escapeHtml } from "./escape-html";
import { renderPortalPage } from "./portal-layout";

export interface IntegrationRow {
  grantId: string;
  clientName: string;
  merchantName: string;
  merchantVat: string;
  productNames: string[];
  grantedAt: Date;
}

export interface IntegrationsPageOptions {
  rows: IntegrationRow[];
  signedInAs: { name: string };
  notice?: string | undefined;
}

export function renderIntegrationsPage({ rows, signedInAs, notice }: IntegrationsPageOptions): string {
  const body = rows.length
    ? `<table>
        <thead><tr><th>Integrator</th><th>Business</th><th>Products</th><th>Granted</th><th></th></tr></thead>
        <tbody>${rows
          .map(
            (row) => `<tr>
              <td>${escapeHtml(row.clientName)}</td>
              <td>${escapeHtml(row.merchantName)}<br><small>${escapeHtml(row.merchantVat)}</small></td>
              <td>${escapeHtml(row.productNames.join(", "))}</td>
              <td>${escapeHtml(row.grantedAt.toISOString().slice(0, 16).replace("T", " "))} UTC</td>
              <td><form method="post" action="/account/integrations/${encodeURIComponent(row.grantId)}/revoke">
                <button class="danger" type="submit" aria-label="Revoke ${escapeHtml(row.clientName)} for ${escapeHtml(row.merchantName)}">Revoke</button>
              </form></td>
            </tr>`,
          )
          .join("")}</tbody>
      </table>`
    : `<p class="lead">No integrators have access to your businesses.</p>`;
  return renderPortalPage({
    title: "Integrations",
    signedInAs,
    wide: true,
    body: `<div class="card">
      <h1>Integrations</h1>
      <p class="lead">Integrators you have given access to MobilePay Invoice or Subscriptions.</p>
      ${notice ? `<div class="notice" role="status">${escapeHtml(notice)}</div>` : ""}
      ${body}
    </div>`,
  });
}
