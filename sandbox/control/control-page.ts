import { z } from "zod";

import { BAD_ID_TOKEN_KINDS } from "../faults/bad-id-token-kinds";
import type { RouteContext } from "../http/http-types";
import { readFormBody } from "../http/request-body";
import { redirect, sendHtml } from "../http/responses";
import type { Router } from "../http/router";
import { escapeHtml } from "../portal/html/escape-html";
import { renderPortalPage } from "../portal/html/portal-layout";
import type { PortalDirectory } from "../portal/portal-directory";
import type { ControlActions } from "./control-actions";
import { isControlToken } from "./control-auth";
import {
  ZBadIdTokenSchema,
  ZClockSkewSchema,
  ZLatencySchema,
  ZMerchantSchema,
  ZRevokeGrantsSchema,
  ZSettingsSchema,
  ZTokenEndpointFaultSchema,
} from "./control-schemas";

const PAGE_STYLE = `<style>
  .control section { margin: 18px 0; padding-top: 12px; border-top: 1px solid var(--mp-line); }
  .control form { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 6px 0; }
  .control label { margin: 0; font-weight: 500; }
  .control input, .control select { padding: 7px 8px; border: 1px solid var(--mp-line); border-radius: 6px; }
  .control pre { background: #f7f8fc; padding: 12px; border-radius: 8px; overflow: auto; max-height: 420px; font-size: 12px; }
</style>`;

function hidden(token: string): string {
  return `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
}

function actionForm(token: string, action: string, fields: string, button: string): string {
  return `<form method="post" action="/control/ui/${action}">${hidden(token)}${fields}<button class="primary" type="submit">${escapeHtml(button)}</button></form>`;
}

function select(name: string, label: string, values: readonly string[]): string {
  const options = values.map((value) => `<option>${escapeHtml(value)}</option>`).join("");
  return `<label>${escapeHtml(label)} <select name="${name}">${options}</select></label>`;
}

function input(name: string, label: string, type = "text", value = ""): string {
  return `<label>${escapeHtml(label)} <input name="${name}" type="${type}" value="${escapeHtml(value)}"></label>`;
}

function renderTokenPrompt(failed: boolean): string {
  return renderPortalPage({
    title: "Sandbox control",
    body: `<div class="card"><h1>Sandbox control</h1>
      <form method="get" action="/control"><label for="token">Control token</label>
      <input id="token" name="token" type="password" required>
      ${failed ? `<div class="error" role="alert">That token is not valid.</div>` : ""}
      <div class="actions"><button class="primary" type="submit">Open</button></div></form></div>`,
  });
}

function renderControlPage(
  token: string,
  state: Record<string, unknown>,
  directory: PortalDirectory,
  message?: string,
): string {
  const merchantIds = directory.users.flatMap((user) => user.merchants.map((merchant) => merchant.merchant_id));
  const sections = [
    `<section><h2>Token endpoint</h2>
      ${actionForm(token, "token-fault", select("mode", "Fault", ["server-error", "timeout", "invalid-grant"]) + input("count", "For calls", "number", "1") + input("status", "Status", "number", "503"), "Arm fault")}
      ${actionForm(token, "clear-token-fault", "", "Clear fault")}
      ${actionForm(token, "latency", input("milliseconds", "Latency ms", "number", "0") + select("target", "On", ["token", "api", "all"]), "Set latency")}</section>`,
    `<section><h2>Clock and keys</h2>
      ${actionForm(token, "clock", input("skewSeconds", "OP clock skew (s)", "number", "0"), "Set skew")}
      ${actionForm(token, "rotate-keys", "", "Rotate signing keys")}</section>`,
    `<section><h2>Next front-channel id_token</h2>
      ${actionForm(token, "id-token-fault", select("kind", "Break it with", BAD_ID_TOKEN_KINDS), "Arm")}</section>`,
    `<section><h2>Revocation</h2>
      ${actionForm(token, "expire-merchant", select("merchantId", "Merchant", merchantIds), "Expire access tokens now")}
      ${actionForm(token, "revoke-grants", input("grantId", "Grant id") + input("merchantId", "or merchant id"), "Revoke")}
      ${actionForm(token, "settings", select("rejectRevokedAccessTokensInstantly", "Reject revoked access tokens instantly", ["false", "true"]) + select("staleRefreshTokenRevokesGrant", "Stale refresh token revokes grant", ["false", "true"]), "Save")}</section>`,
    `<section><h2>Housekeeping</h2>
      ${actionForm(token, "execute-payments", "", "Execute pending subscription payments")}
      ${actionForm(token, "flush-callbacks", "", "Deliver due callbacks now")}
      ${actionForm(token, "reset", "", "Reset faults and counters")}</section>`,
    `<section><h2>State</h2><pre>${escapeHtml(JSON.stringify(state, null, 2))}</pre></section>`,
  ];
  return renderPortalPage({
    title: "Sandbox control",
    wide: true,
    body: `${PAGE_STYLE}<div class="card control"><h1>Sandbox control</h1>
      ${message ? `<div class="notice" role="status">${escapeHtml(message)}</div>` : ""}${sections.join("")}</div>`,
  });
}

type UiAction = (form: Record<string, string>) => Promise<string>;

/** The control page: plain HTML forms, no script, so it works under the portal's strict CSP. */
export function registerControlPage(
  router: Router,
  actions: ControlActions,
  controlToken: string,
  directory: PortalDirectory,
): void {
  router.on("GET", "/control", async ({ res, url }) => {
    const token = url.searchParams.get("token");
    if (!isControlToken(token, controlToken))
      return sendHtml(res, token ? 401 : 200, renderTokenPrompt(Boolean(token)));
    sendHtml(
      res,
      200,
      renderControlPage(
        token as string,
        await actions.state(),
        directory,
        url.searchParams.get("message") ?? undefined,
      ),
    );
  });

  const nonEmpty = (form: Record<string, string>) =>
    Object.fromEntries(Object.entries(form).filter(([, value]) => value !== ""));
  const uiActions: Record<string, UiAction> = {
    "token-fault": async (form) => (
      actions.setTokenEndpointFault(ZTokenEndpointFaultSchema.parse(form)),
      "Token endpoint fault armed"
    ),
    "clear-token-fault": async () => (actions.clearTokenEndpointFault(), "Token endpoint fault cleared"),
    latency: async (form) => (actions.setLatency(ZLatencySchema.parse(form)), "Latency set"),
    clock: async (form) => (actions.setClockSkew(ZClockSkewSchema.parse(form)), "Clock skew set"),
    "id-token-fault": async (form) => (
      actions.armBadIdToken(ZBadIdTokenSchema.parse(form)),
      "The next id_token will be broken"
    ),
    settings: async (form) => (actions.updateSettings(ZSettingsSchema.parse(form)), "Settings saved"),
    "rotate-keys": async () => `Signing key rotated to ${(await actions.rotateSigningKeys()).activeKid}`,
    "expire-merchant": async (form) => {
      const result = await actions.expireMerchantAccessTokens(ZMerchantSchema.parse(form).merchantId);
      return result ? `${result.expiredTokens} access token(s) expired` : "Unknown merchant";
    },
    "revoke-grants": async (form) =>
      `${(await actions.revokeGrants(ZRevokeGrantsSchema.parse(nonEmpty(form)))).revokedGrantIds.length} grant(s) revoked`,
    "execute-payments": async () =>
      `${(await actions.executePendingPayments(undefined)).executedPayments} payment(s) executed`,
    "flush-callbacks": async () => (await actions.flushCallbacks(), "Due callbacks delivered"),
    reset: async () => (actions.reset(), "Faults and counters reset"),
  };

  router.on("POST", "/control/ui/:action", async ({ req, res, params }: RouteContext) => {
    const form = Object.fromEntries(await readFormBody(req));
    const token = form.token ?? "";
    if (!isControlToken(token, controlToken)) return sendHtml(res, 401, renderTokenPrompt(true));
    const { token: _token, ...fields } = form;
    const action = uiActions[params.action ?? ""];
    let message: string;
    try {
      message = action ? await action(fields) : "Unknown action";
    } catch (error) {
      message = error instanceof z.ZodError ? z.prettifyError(error) : "The action failed";
    }
    redirect(res, `/control?token=${encodeURIComponent(token)}&message=${encodeURIComponent(message)}`);
  });
}
