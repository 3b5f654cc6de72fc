import { z } from "zod";

import type { RouteContext } from "../http/http-types";
import { readJsonBody } from "../http/request-body";
import { sendEmpty, sendJson } from "../http/responses";
import { Router } from "../http/router";
import type { ControlActions } from "./control-actions";
import { bearerTokenOf, isControlToken } from "./control-auth";
import {
  ZBadIdTokenSchema,
  ZBadTokenEndpointIdTokenSchema,
  ZClockSkewSchema,
  ZExecutePaymentsSchema,
  ZLatencySchema,
  ZMerchantSchema,
  ZRefreshAnswerFaultSchema,
  ZRevokeGrantsSchema,
  ZSettingsSchema,
  ZTokenEndpointFaultSchema,
} from "./control-schemas";

class InvalidControlInput extends Error {
  constructor(readonly details: string) {
    super(details);
  }
}

async function parseBody<T extends z.ZodType>(context: RouteContext, schema: T): Promise<z.infer<T>> {
  const body = await readJsonBody(context.req);
  const value = body.ok ? body.value : body.reason === "empty" ? {} : undefined;
  if (value === undefined) throw new InvalidControlInput("The body is not valid JSON");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidControlInput(z.prettifyError(parsed.error));
  return parsed.data;
}

/** JSON control API under /control/*, for tests and for the console team's tooling. */
export function createControlApiRouter(actions: ControlActions, controlToken: string): Router {
  const router = new Router();
  const guarded = (handler: (context: RouteContext) => Promise<void>) => async (context: RouteContext) => {
    if (!isControlToken(bearerTokenOf(context.req.headers.authorization), controlToken)) {
      return sendJson(
        context.res,
        401,
        { error: "unauthorized", error_description: "A valid control token is required" },
        {
          "WWW-Authenticate": 'Bearer realm="sandbox-control"',
        },
      );
    }
    try {
      await handler(context);
    } catch (error) {
      if (!(error instanceof InvalidControlInput)) throw error;
      sendJson(context.res, 400, { error: "invalid_request", error_description: error.details });
    }
  };
  const on = (method: string, path: string, handler: (context: RouteContext) => Promise<void>) =>
    router.on(method, path, guarded(handler));

  on("GET", "/control/state", async ({ res }) => sendJson(res, 200, await actions.state()));
  on("POST", "/control/reset", async ({ res }) => {
    actions.reset();
    sendEmpty(res, 204);
  });
  on("POST", "/control/token-endpoint/fault", async (context) => {
    actions.setTokenEndpointFault(await parseBody(context, ZTokenEndpointFaultSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("POST", "/control/outage", async ({ res }) => {
    actions.setOutage(true);
    sendEmpty(res, 204);
  });
  on("DELETE", "/control/outage", async ({ res }) => {
    actions.setOutage(false);
    sendEmpty(res, 204);
  });
  on("DELETE", "/control/token-endpoint/fault", async ({ res }) => {
    actions.clearTokenEndpointFault();
    sendEmpty(res, 204);
  });
  on("PUT", "/control/latency", async (context) => {
    actions.setLatency(await parseBody(context, ZLatencySchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("PUT", "/control/clock", async (context) => {
    actions.setClockSkew(await parseBody(context, ZClockSkewSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("POST", "/control/id-token-fault", async (context) => {
    actions.armBadIdToken(await parseBody(context, ZBadIdTokenSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("POST", "/control/token-endpoint/id-token-fault", async (context) => {
    actions.armBadTokenEndpointIdToken(await parseBody(context, ZBadTokenEndpointIdTokenSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("POST", "/control/refresh-answer-fault", async (context) => {
    actions.armRefreshAnswerFault(await parseBody(context, ZRefreshAnswerFaultSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("PUT", "/control/settings", async (context) => {
    actions.updateSettings(await parseBody(context, ZSettingsSchema));
    sendJson(context.res, 200, (await actions.state()).faults);
  });
  on("POST", "/control/signing-keys/rotate", async ({ res }) => sendJson(res, 200, await actions.rotateSigningKeys()));
  on("POST", "/control/merchants/:merchantId/expire-access-tokens", async ({ res, params }) => {
    const parsed = ZMerchantSchema.safeParse(params);
    const result = parsed.success ? await actions.expireMerchantAccessTokens(parsed.data.merchantId) : undefined;
    if (!result) return sendJson(res, 404, { error: "not_found", error_description: "Unknown merchant" });
    sendJson(res, 200, result);
  });
  on("POST", "/control/grants/revoke", async (context) => {
    sendJson(context.res, 200, await actions.revokeGrants(await parseBody(context, ZRevokeGrantsSchema)));
  });
  on("POST", "/control/grants/:grantId/revoke", async ({ res, params }) => {
    sendJson(res, 200, await actions.revokeGrants({ grantId: params.grantId }));
  });
  on("POST", "/control/subscriptions/execute-payments", async (context) => {
    const { merchantId } = await parseBody(context, ZExecutePaymentsSchema);
    sendJson(context.res, 200, await actions.executePendingPayments(merchantId));
  });
  on("POST", "/control/callbacks/flush", async ({ res }) => {
    await actions.flushCallbacks();
    sendJson(res, 200, (await actions.state()).callbacks);
  });
  return router;
}
