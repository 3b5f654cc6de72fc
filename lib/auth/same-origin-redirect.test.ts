import { describe, expect, it } from "vitest";

import { isSameOriginRedirect, sameOriginRedirect } from "./same-origin-redirect";

const base = "http://localhost:3301";

describe("where sign-in and sign-out may redirect", () => {
  it("keeps paths and full URLs of the console itself", () => {
    expect(sameOriginRedirect("/merchants?page=2#top", base)).toBe("http://localhost:3301/merchants?page=2#top");
    expect(sameOriginRedirect("http://localhost:3301/audit", base)).toBe("http://localhost:3301/audit");
    expect(isSameOriginRedirect("/sign-in", base)).toBe(true);
  });

  it("reduces other origins and look-alike hosts to the console's home without throwing", () => {
    for (const url of [
      "http://localhost:3301.evil.example/",
      "https://evil.example/merchants",
      "//evil.example/merchants",
      "/\\evil.example/merchants",
      "http://localhost:3302/",
      "https://localhost:3301/",
      "javascript:alert(1)",
      "http://[::1",
    ]) {
      expect(sameOriginRedirect(url, base)).toBe("http://localhost:3301/");
      expect(isSameOriginRedirect(url, base)).toBe(false);
    }
  });
});
