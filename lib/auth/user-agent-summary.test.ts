import { describe, expect, it } from "vitest";

import { userAgentSummary } from "./user-agent-summary";

describe("userAgentSummary", () => {
  it("names the browser and the system, not the versions", () => {
    expect(
      userAgentSummary(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      userAgentSummary(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
      ),
    ).toBe("Safari on macOS");
    expect(userAgentSummary("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe(
      "Firefox on Linux",
    );
    expect(
      userAgentSummary(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Chrome on iOS");
    expect(
      userAgentSummary(
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      ),
    ).toBe("Chrome on Android");
  });

  it("says so when it cannot tell, and never repeats what the header said", () => {
    expect(userAgentSummary(undefined)).toBe("An unknown browser");
    expect(userAgentSummary("curl/8.5.0")).toBe("An unknown browser");
    expect(userAgentSummary("<script>alert(1)</script> Windows")).toBe("A browser on Windows");
  });
});
