import type { WebhookEventPayload } from "@/lib/webhooks/event-payload";

/** Slack's mrkdwn treats these three as markup; names come from merchants and staff. */
const escapeSlack = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** How a state reads after "again after …". */
const AFTER_STATE: Record<string, string> = {
  degraded: "being degraded",
  relink_needed: "needing relinking",
  revoked: "being unlinked",
};
const after = (state: string | undefined) => (state ? ` after ${AFTER_STATE[state] ?? state}` : "");

/**
 * One readable line per event for a Slack incoming webhook, with a link to the merchant in the console,
 * e.g. "Annas Bageri ApS needs relinking: MobilePay refused the refresh token (invalid_grant) — open in
 * the console". Never more than the event itself says (no token, no secret).
 */
export function slackMessage(payload: WebhookEventPayload, consoleUrl: string): { text: string } {
  const data = payload.data;
  const merchant = data.merchant;
  const name = escapeSlack(merchant?.name ?? merchant?.vatNumber ?? "A merchant");
  const link = merchant?.id
    ? ` — <${new URL(`/merchants/${merchant.id}`, consoleUrl).toString()}|open in the console>`
    : "";
  const text = (line: string) => ({ text: `${line}${link}` });
  const field = (key: string) => (typeof data[key] === "string" ? escapeSlack(data[key]) : undefined);
  switch (payload.type) {
    case "merchant.state_changed": {
      const to = field("to");
      if (to === "relink_needed") {
        const oauthError = field("oauthError");
        return text(
          oauthError
            ? `*${name}* needs relinking: MobilePay refused the refresh token (${oauthError})`
            : `*${name}* needs relinking: ${field("reason") ?? "the link can no longer be refreshed"}`,
        );
      }
      if (to === "degraded")
        return text(`*${name}* is degraded: refreshes fail for a temporary reason and are retried`);
      if (to === "revoked") return text(`*${name}* was unlinked`);
      return text(`*${name}* is active again${after(field("from"))}`);
    }
    case "merchant.recovered":
      return text(`*${name}* recovered: active again${after(field("from"))}`);
    case "merchant.linked":
      return text(`*${name}* was linked`);
    case "merchant.relinked":
      return text(`*${name}* was relinked`);
    case "merchant.unlinked":
      return text(`*${name}* was unlinked`);
    case "consent_link.consented":
      return text(`*${name}* accepted the consent link`);
    case "consent_link.failed":
      return text(
        `A consent link for *${name}* failed at the check ${field("failedCheck") ?? "(unknown)"}: ${field("reason") ?? ""}`,
      );
    case "consent_link.expired":
      return text(`The consent link for *${name}* expired unused`);
    default:
      return { text: `Test message from the MobilePay Link Console (${escapeSlack(payload.type)})` };
  }
}
