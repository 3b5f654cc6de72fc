import { z } from "zod";

import { sendEmpty, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import type { ApiContext } from "../api-endpoint";
import { parseReplaceOperations } from "../json-patch";
import { HTTPS_REQUIRED_MESSAGE, isAcceptableCallbackUrl } from "./request-fields";
import { SUBSCRIPTIONS_PREFIX, type SubscriptionsEndpoints } from "./subscriptions-context";
import { badRequest } from "./subscriptions-errors";
import type { ProviderSettings } from "./subscriptions-model";

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

const ZApiKeySchema = z.object({ api_key: z.string().regex(TOKEN68) });
const ZBasicSchema = z.object({ user_name: z.string().min(1), password: z.string().min(1) });
const ZOAuth2Schema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  token_url: z.url(),
  scope: z.string().optional(),
});

/** The merchant and its subscription providers' settings (callback URL, callback authentication). */
export function registerProviderRoutes(router: Router, api: SubscriptionsEndpoints): void {
  const { subscriptions } = api.deps;
  const base = `${SUBSCRIPTIONS_PREFIX}/api/providers/:providerId`;

  router.on(
    "GET",
    `${SUBSCRIPTIONS_PREFIX}/api/merchants/me`,
    api.endpoint(async ({ res, caller }) =>
      sendJson(res, 200, {
        Id: caller.merchant.merchant_id,
        SubscriptionProviders: caller.merchant.subscription_providers.map((provider) => ({
          SubscriptionProviderId: provider.id,
          Name: provider.name,
          HomepageUrl: null,
          CustomerServiceEmail: null,
          SelfServicePortalUrl: null,
          FaqUrl: null,
          Status: provider.status,
          Address: provider.address,
          ZipCode: provider.zip_code,
          City: provider.city,
        })),
      }),
    ),
  );

  router.on(
    "GET",
    base,
    api.endpoint(async (context) => {
      const provider = api.provider(context);
      if (!provider) return;
      const settings = await subscriptions.settingsOf(provider);
      sendJson(context.res, 200, {
        credentials: settings.callback_auth_scheme
          ? {
              scheme: settings.callback_auth_scheme,
              key: settings.oauth2?.client_id ?? null,
              password: null,
              scope: settings.oauth2?.scope ?? null,
            }
          : null,
        payment_status_callback_url: settings.payment_status_callback_url,
        name: provider.name,
        payment_source_account_id: null,
        customer_service: null,
        faq: null,
        homepage: null,
        portal: null,
        external_account_number: null,
        status: provider.status === "Enabled" ? 2 : 0,
        address: provider.address,
        zip_code: provider.zip_code,
        city: provider.city,
      });
    }),
  );

  router.on(
    "PATCH",
    base,
    api.endpoint(async (context) => {
      const provider = api.provider(context);
      if (!provider) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const operations = parseReplaceOperations(body, ["/payment_status_callback_url"]);
      if (typeof operations === "string") return api.fail(context, badRequest(operations));
      const url = operations.at(-1)?.value;
      if (typeof url !== "string" || !isAcceptableCallbackUrl(url))
        return api.fail(context, badRequest(HTTPS_REQUIRED_MESSAGE));
      await subscriptions.updateSettings(context.caller.merchant.merchant_id, provider, {
        payment_status_callback_url: url,
      });
      sendEmpty(context.res, 204);
    }),
  );

  function authRoute<T extends z.ZodType>(schema: T, toSettings: (value: z.infer<T>) => Partial<ProviderSettings>) {
    return api.endpoint(async (context: ApiContext) => {
      const provider = api.provider(context);
      if (!provider) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? "request");
        return api.fail(context, badRequest(`request.${field} is invalid`));
      }
      await subscriptions.updateSettings(context.caller.merchant.merchant_id, provider, toSettings(parsed.data));
      sendEmpty(context.res, 204);
    });
  }

  router.on(
    "PUT",
    `${base}/auth/apikey`,
    authRoute(ZApiKeySchema, (value) => ({
      callback_authorization: value.api_key,
      callback_auth_scheme: "apikey",
      oauth2: null,
    })),
  );
  router.on(
    "PUT",
    `${base}/auth/basic`,
    authRoute(ZBasicSchema, (value) => ({
      callback_authorization: `Basic ${Buffer.from(`${value.user_name}:${value.password}`).toString("base64")}`,
      callback_auth_scheme: "basic",
      oauth2: null,
    })),
  );
  // Stored and reported, but callbacks are not sent with an OAuth2 token (see the README).
  router.on(
    "PUT",
    `${base}/auth/oauth2`,
    authRoute(ZOAuth2Schema, (value) => ({
      callback_authorization: null,
      callback_auth_scheme: "oauth2",
      oauth2: { client_id: value.client_id, token_url: value.token_url, scope: value.scope ?? null },
    })),
  );
}
