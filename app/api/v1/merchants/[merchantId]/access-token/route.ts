import { apiRoute } from "@/lib/api/api-route";
import { issueAccessToken } from "@/lib/api/issue-access-token";

export const POST = apiRoute<undefined, undefined, { merchantId: string }>(
  { scope: "tokens:issue" },
  ({ principal, params }) => issueAccessToken(principal, params.merchantId),
);
