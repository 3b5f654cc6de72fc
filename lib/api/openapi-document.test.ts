import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ZApiMerchantListQuerySchema } from "./api-merchant-schemas";
import { buildOpenApiDocument } from "./openapi-document";

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument("https://console.example/");

  it("is OpenAPI 3.1 with the API's server and bearer key security", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: "https://console.example/api/v1" }]);
    expect(document.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes every endpoint family", () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/consent-links",
      "/consent-links/{consentLinkId}",
      "/merchants",
      "/merchants/{merchantId}",
      "/merchants/{merchantId}/access-token",
      "/merchants/{merchantId}/proxy/{product}/{path}",
    ]);
  });

  it("is generated from the schemas the handlers validate with", () => {
    const list = document.paths?.["/merchants"]?.get;
    const names = (list?.parameters ?? []).map((parameter) => ("name" in parameter ? parameter.name : ""));
    expect(names.sort()).toEqual(Object.keys(ZApiMerchantListQuerySchema.shape).sort());
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        "Merchant",
        "MerchantPage",
        "AccessToken",
        "ConsentLink",
        "CreateConsentLink",
        "Problem",
      ]),
    );
    expect(JSON.stringify(schemas.Merchant)).toContain("relink_needed");
  });

  it("matches the copy the example's typed client is generated from (npm run api:types)", () => {
    const committed: unknown = JSON.parse(readFileSync(path.join("examples", "openapi.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument("http://localhost:3000"))));
  });
});
