import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

import {
  ZConsentLinkIdParamsSchema,
  ZConsentLinkSchema,
  ZCreateConsentLinkSchema,
} from "@/lib/api/api-consent-link-schemas";
import {
  ZAccessTokenSchema,
  ZApiMerchantIdParamsSchema,
  ZApiMerchantListQuerySchema,
  ZApiMerchantPageSchema,
  ZApiMerchantSchema,
} from "@/lib/api/api-merchant-schemas";
import { ZProblemSchema } from "@/lib/api/problem-schema";
import { type API_KEY_SCOPE_DESCRIPTIONS } from "@/lib/api-keys/api-key-scopes";

type Responses = RouteConfig["responses"];

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ZProblemSchema } },
});

/** The failures every endpoint may answer, besides its own. */
const COMMON_FAILURES: Responses = {
  401: problem("The API key is missing, unknown, revoked or expired (one body for all)."),
  403: problem("The key lacks the endpoint's scope."),
  422: problem("The request is not valid; `errors` names the fields."),
  429: problem("The key's rate limit is used up; wait `Retry-After` seconds."),
};

function json(description: string, schema: z.ZodType) {
  return { description, content: { "application/json": { schema } } };
}

function scopeNote(scope: keyof typeof API_KEY_SCOPE_DESCRIPTIONS): string {
  return `Scope \`${scope}\`.`;
}

const ZProxyParamsSchema = ZApiMerchantIdParamsSchema.extend({
  product: z.enum(["invoice", "subscriptions"]),
  path: z.string().meta({
    description: "The resource under the product's API, e.g. `api/v1/merchants/me` (Invoice) or `api/providers/{id}`.",
  }),
});

/**
 * The OpenAPI 3.1 document of the integrator API, generated from the zod schemas the handlers validate
 * with, so the two cannot drift apart.
 */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from the console's API keys page: `mplc_live_…` (production) or `mplc_test_…`.",
  });

  registry.registerPath({
    method: "get",
    path: "/merchants",
    operationId: "listMerchants",
    summary: "List merchants",
    description: `Keyset-paginated, in id order; filter to sync only what changed. ${scopeNote("merchants:read")}`,
    request: { query: ZApiMerchantListQuerySchema },
    responses: { 200: json("One page of merchants.", ZApiMerchantPageSchema), ...COMMON_FAILURES },
  });
  registry.registerPath({
    method: "get",
    path: "/merchants/{merchantId}",
    operationId: "getMerchant",
    summary: "Get a merchant's connection state",
    description: scopeNote("merchants:read"),
    request: { params: ZApiMerchantIdParamsSchema },
    responses: {
      200: json("The merchant.", ZApiMerchantSchema),
      404: problem("No such merchant in the key's environments."),
      ...COMMON_FAILURES,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/merchants/{merchantId}/access-token",
    operationId: "issueAccessToken",
    summary: "Get a usable access token",
    description: `Refreshed first when inside the safety margin; one refresh per generation however many callers ask. Every handout is recorded. ${scopeNote("tokens:issue")}`,
    request: { params: ZApiMerchantIdParamsSchema },
    responses: {
      200: json("A token MobilePay accepts until `expires_at`.", ZAccessTokenSchema),
      404: problem("No such merchant in the key's environments."),
      409: problem("The link needs relinking (`reason` says why) or there is no link."),
      503: problem("MobilePay could not refresh the token right now; retry after `Retry-After`."),
      ...COMMON_FAILURES,
    },
  });
  for (const method of ["get", "post", "put", "patch", "delete"] as const) {
    registry.registerPath({
      method,
      path: "/merchants/{merchantId}/proxy/{product}/{path}",
      operationId: `proxy${method[0]!.toUpperCase()}${method.slice(1)}`,
      summary: `${method.toUpperCase()} through the proxy`,
      description:
        "Calls MobilePay's Invoice or Subscriptions API with the merchant's token: method, query, body and content type kept, a CorrelationId added when absent, 401 → refresh → one retry. MobilePay's status, body and safe headers come back unchanged. Scope `proxy:invoice` or `proxy:subscriptions`.",
      request: {
        params: ZProxyParamsSchema,
        ...(method === "get" || method === "delete"
          ? {}
          : { body: { content: { "application/json": { schema: z.unknown() } } } }),
      },
      responses: {
        200: {
          description: "MobilePay's answer, whatever its status.",
          content: { "application/json": { schema: z.unknown() } },
        },
        400: problem("The path is not a plain path under the product's API; nothing was sent."),
        404: problem("No such merchant in the key's environments."),
        409: problem("The link needs relinking, or its consent lacks the product."),
        413: problem("The body is larger than 1 MB; nothing was sent."),
        502: problem("MobilePay could not be reached."),
        504: problem("MobilePay did not answer in time."),
        ...COMMON_FAILURES,
      },
    });
  }
  registry.registerPath({
    method: "post",
    path: "/consent-links",
    operationId: "createConsentLink",
    summary: "Create a consent link",
    description: scopeNote("consent-links:write"),
    request: { body: { content: { "application/json": { schema: ZCreateConsentLinkSchema } } } },
    responses: { 201: json("The link; its URL is in this answer only.", ZConsentLinkSchema), ...COMMON_FAILURES },
  });
  registry.registerPath({
    method: "get",
    path: "/consent-links/{consentLinkId}",
    operationId: "getConsentLink",
    summary: "Follow a consent link",
    description: scopeNote("consent-links:write"),
    request: { params: ZConsentLinkIdParamsSchema },
    responses: {
      200: json("The link's state.", ZConsentLinkSchema),
      404: problem("No consent link of this id created with this key."),
      ...COMMON_FAILURES,
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "MobilePay Link Console — integrator API",
      version: "1.0.0",
      description:
        "Fresh MobilePay tokens and MobilePay calls for an integrator's own backend. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: `${serverUrl.replace(/\/$/, "")}/api/v1` }],
    security: [{ apiKey: [] }],
  });
}
