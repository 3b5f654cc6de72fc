import { ApiProblem, problemResponse } from "@/lib/api/api-problem";
import { apiEndpoint } from "@/lib/api/api-response-headers";

/** Anything under /api/v1 that is no endpoint answers in the API's own error shape, not the console's 404 page. */
const notFound = apiEndpoint((request: Request): Response =>
  problemResponse(
    new ApiProblem("not-found", "There is no such endpoint; see /api/v1/openapi.json."),
    new URL(request.url).pathname,
  ),
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
