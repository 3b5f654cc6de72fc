import { escapeHtml } from "./escape-html";
import { renderPortalPage } from "./portal-layout";

export interface LoginPageOptions {
  formAction: string;
  email?: string;
  failed?: boolean;
  clientName?: string | undefined;
}

export function renderLoginPage({ formAction, email, failed, clientName }: LoginPageOptions): string {
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
    </div>`,
  });
}
