import type { TPortalUser } from "../portal-directory";
import { escapeHtml } from "./escape-html";
import { renderPortalPage } from "./portal-layout";

export interface LoginPageOptions {
  formAction: string;
  email?: string;
  failed?: boolean;
  clientName?: string | undefined;
  /** The sandbox's seeded portal users, listed so nobody has to look them up (a sandbox has no real secrets). */
  testUsers?: readonly TPortalUser[];
}

/** A large seed (the benchmarks' holds thousands) lists its first few users only. */
const LISTED_TEST_USERS = 8;

function renderTestUsers(users: readonly TPortalUser[]): string {
  if (users.length === 0) return "";
  const rows = users
    .slice(0, LISTED_TEST_USERS)
    .map((user) => {
      const merchants = user.merchants
        .map((merchant) => `${escapeHtml(merchant.name)} (${escapeHtml(merchant.merchant_vat)})`)
        .join("<br>");
      return `<tr><td>${escapeHtml(user.name)}</td><td><code>${escapeHtml(user.email)}</code></td><td><code>${escapeHtml(user.password)}</code></td><td>${merchants}</td></tr>`;
    })
    .join("");
  const more =
    users.length > LISTED_TEST_USERS
      ? `<p class="lead">…and ${users.length - LISTED_TEST_USERS} more in the seed file.</p>`
      : "";
  return `<div class="card">
      <h2>Test users of this sandbox</h2>
      <table aria-label="Test users">
        <thead><tr><th>Name</th><th>Email</th><th>Password</th><th>Merchants (VAT)</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
      ${more}
    </div>`;
}

export function renderLoginPage({ formAction, email, failed, clientName, testUsers = [] }: LoginPageOptions): string {
  const intro = clientName
    ? `Log in to give <strong>${escapeHtml(clientName)}</strong> access to your MobilePay business.`
    : "Log in to MobilePay MyShop.";
  const error = failed ? `<div class="error" role="alert">The email or password is not correct.</div>` : "";
  return renderPortalPage({
    title: "Log in",
    body: `<div class="card">
      <h1>Log in</h1>
      <p class="lead">${intro}</p>
      <form method="post" action="${escapeHtml(formAction)}" autocomplete="off">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" required value="${escapeHtml(email ?? "")}" autofocus>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" required>
        ${error}
        <div class="actions"><button class="primary" type="submit">Log in</button></div>
      </form>
    </div>
    ${renderTestUsers(testUsers)}`,
  });
}
