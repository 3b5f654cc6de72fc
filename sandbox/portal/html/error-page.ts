import { renderPortalPage } from "./portal-layout";

/**
 * MobilePay's authorization error page says nothing about the cause, "to mitigate against
 * cross-site request forgery"; the sandbox is equally vague so integrators meet the same experience.
 */
export function renderVagueErrorPage(): string {
  return renderPortalPage({
    title: "Error",
    body: `<div class="card">
      <h1>Sorry, something went wrong</h1>
      <p class="lead">We could not process your request. Please go back to the service you came from and try again.</p>
    </div>`,
  });
}
