import { describe, expect, it } from "vitest";

import { isDecodablePath, undecodablePathResponse } from "@/lib/http/undecodable-path";

describe("undecodable paths", () => {
  it.each(["/merchants/%", "/%", "/merchants/%zz", "/merchants/%E0%A4%A", "/merchants/%ED%A0%80"])(
    "finds %s undecodable",
    (path) => expect(isDecodablePath(path)).toBe(false),
  );

  it.each(["/merchants", "/merchants/%41", "/merchants/%C3%A6", "/merchants/100%25"])("finds %s decodable", (path) =>
    expect(isDecodablePath(path)).toBe(true),
  );

  it("answers 400 with a problem document under /api and a small page elsewhere, echoing nothing", async () => {
    const api = undecodablePathResponse("/api/merchants/%3Cscript%");
    expect(api.status).toBe(400);
    expect(api.headers.get("content-type")).toBe("application/problem+json");
    expect(await api.json()).toMatchObject({ status: 400, title: "Bad Request" });

    const page = undecodablePathResponse("/merchants/%3Cscript%");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).not.toContain("script");
  });
});
