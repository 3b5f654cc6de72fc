import { proxyRoute } from "@/lib/api/proxy-route";

export const GET = proxyRoute;
export const POST = proxyRoute;
export const PUT = proxyRoute;
export const PATCH = proxyRoute;
export const DELETE = proxyRoute;
