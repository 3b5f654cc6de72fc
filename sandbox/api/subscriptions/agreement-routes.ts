import { sendEmpty, sendHtml, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import { renderPortalPage } from "../../portal/html/portal-layout";
import { parseReplaceOperations } from "../json-patch";
import { HTTPS_REQUIRED_MESSAGE, isAcceptableCallbackUrl, RequestFields } from "./request-fields";
import { agreementView, SUBSCRIPTIONS_PREFIX, type SubscriptionsEndpoints } from "./subscriptions-context";
import { badRequest, preconditionFailed } from "./subscriptions-errors";
import { FREQUENCIES, parseAgreementInput } from "./subscriptions-input";
import type { AgreementData, AgreementStatus } from "./subscriptions-model";

const PATCHABLE_AGREEMENT_PATHS = [
  "/amount",
  "/plan",
  "/description",
  "/frequency",
  "/external_id",
  "/success-callback",
  "/cancel-callback",
  "/cancel-redirect",
  "/disable_notification_management",
] as const;
const STATUSES: AgreementStatus[] = ["Pending", "Active", "Rejected", "Expired", "Canceled"];
const MAX_PAGE_SIZE = 2000;

function applyAgreementPatch(agreement: AgreementData, path: string, value: unknown): string | undefined {
  const fields = new RequestFields({ value });
  const name = path.slice(1);
  switch (path) {
    case "/amount":
      agreement.amount = fields.number("value", { min: 0 }) ?? agreement.amount;
      break;
    case "/plan":
      agreement.plan = fields.string("value", { required: true, max: 30 }) ?? agreement.plan;
      break;
    case "/description":
      agreement.description = fields.string("value", { max: 60 }) ?? null;
      break;
    case "/frequency":
      agreement.frequency = fields.oneOf("value", FREQUENCIES, { required: true }) ?? agreement.frequency;
      break;
    case "/external_id":
      agreement.external_id = fields.string("value", { required: true, max: 64 }) ?? agreement.external_id;
      break;
    case "/disable_notification_management":
      agreement.disable_notification_management = fields.boolean("value") ?? agreement.disable_notification_management;
      break;
    default: {
      if (typeof value !== "string" || !isAcceptableCallbackUrl(value))
        return `request.${name}: ${HTTPS_REQUIRED_MESSAGE}`;
      agreement.links = [...agreement.links.filter((link) => link.rel !== name), { rel: name, href: value }];
    }
  }
  return fields.problems.length
    ? fields.problems.map((problem) => problem.replace("request.Value", `request.${name}`)).join("; ")
    : undefined;
}

/** Agreements: create, list, read, change, cancel (DOCS-2023 agreement.md, OAS-SUB). */
export function registerAgreementRoutes(router: Router, api: SubscriptionsEndpoints): void {
  const { subscriptions } = api.deps;
  const base = `${SUBSCRIPTIONS_PREFIX}/api/providers/:providerId/agreements`;
  const linkOf = (agreement: AgreementData) =>
    subscriptions.landingPageUrl(
      "agreement",
      agreement.id,
      agreement,
      agreement.links.find((link) => link.rel === "user-redirect")?.href,
    );

  router.on(
    "POST",
    base,
    api.endpoint(async (context) => {
      const provider = api.provider(context);
      if (!provider) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const parsed = parseAgreementInput(body);
      if ("problems" in parsed) return api.fail(context, badRequest(parsed.problems.join("; ")));
      const { agreement, oneOff } = await subscriptions.createAgreement(
        context.caller.merchant,
        provider,
        parsed.value,
      );
      sendJson(context.res, 201, {
        id: agreement.id,
        ...(oneOff ? { one_off_payment_id: oneOff.id } : {}),
        links: [{ rel: "mobile-pay", href: linkOf(agreement) }],
      });
    }),
  );

  router.on(
    "GET",
    base,
    api.endpoint(async (context) => {
      const provider = api.provider(context);
      if (!provider) return;
      const query = context.url.searchParams;
      const pageNumber = Number(query.get("pageNumber"));
      const pageSize = query.has("pageSize") ? Number(query.get("pageSize")) : 100;
      const status = query.get("status");
      if (!query.has("pageNumber") || !Number.isInteger(pageNumber) || pageNumber < 1)
        return api.fail(context, badRequest("request.PageNumber is required and starts at 1"));
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
        return api.fail(context, badRequest(`request.PageSize must be between 1 and ${MAX_PAGE_SIZE}`));
      if (status !== null && !STATUSES.includes(status as AgreementStatus))
        return api.fail(context, badRequest(`request.Status must be one of ${STATUSES.join(", ")}`));
      const all = (await subscriptions.agreementsOf(provider.id)).filter(
        (agreement) => status === null || agreement.status === status,
      );
      const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      // OAS-SUB returns the page wrapped in an array.
      sendJson(context.res, 200, [
        { page_size: pageSize, agreements: page.map((agreement) => agreementView(agreement, linkOf(agreement))) },
      ]);
    }),
  );

  router.on(
    "GET",
    `${base}/:agreementId`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (found) sendJson(context.res, 200, agreementView(found.agreement.data, linkOf(found.agreement.data)));
    }),
  );

  router.on(
    "PATCH",
    `${base}/:agreementId`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const operations = parseReplaceOperations(body, PATCHABLE_AGREEMENT_PATHS);
      if (typeof operations === "string") return api.fail(context, badRequest(operations));
      const agreement = found.agreement.data;
      if (agreement.status !== "Pending" && agreement.status !== "Active")
        return api.fail(context, preconditionFailed(`Agreement is ${agreement.status}.`));
      const draft: AgreementData = structuredClone(agreement);
      for (const operation of operations) {
        const problem = applyAgreementPatch(draft, operation.path, operation.value);
        if (problem) return api.fail(context, badRequest(problem));
      }
      found.agreement.data = draft;
      await subscriptions.saveAgreement(found.agreement);
      sendEmpty(context.res, 204);
    }),
  );

  router.on(
    "DELETE",
    `${base}/:agreementId`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const status = found.agreement.data.status;
      if (status !== "Pending" && status !== "Active")
        return api.fail(context, preconditionFailed(`Agreement is ${status} and cannot be canceled.`));
      await subscriptions.cancelAgreement(found.agreement, "merchant");
      sendEmpty(context.res, 204);
    }),
  );

  router.on("GET", "/subscriptions-landing", async ({ res }) =>
    sendHtml(
      res,
      200,
      renderPortalPage({
        title: "MobilePay",
        body: `<div class="card"><h1>MobilePay Subscriptions</h1><p class="lead">In the sandbox the app user answers through the User Simulation API.</p></div>`,
      }),
    ),
  );
}
