/**
 * Run as a separate process by the lifecycle tests: asks for one merchant's
 * access token N times at once and prints what it got, one JSON line.
 */
import { getAccessToken, waitForRefreshesInFlight } from "@/lib/tokens/get-access-token";

const [merchantId, countText] = process.argv.slice(2);
const count = Number(countText ?? "25");
const results = await Promise.allSettled(
  Array.from({ length: count }, () =>
    getAccessToken(merchantId!, { actor: { type: "system", label: "test" }, trigger: "on-demand" }),
  ),
);
// As a stopping console instance does: a refresh MobilePay has answered is stored before the process exits.
await waitForRefreshesInFlight();
process.stdout.write(
  `${JSON.stringify(
    results.map((result) =>
      result.status === "fulfilled" ? { token: result.value.accessToken } : { error: String(result.reason) },
    ),
  )}\n`,
);
process.exit(0);
