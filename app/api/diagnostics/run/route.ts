import { runDiagnostics } from "@/lib/diagnostics/run-diagnostics";
import { staffRoute } from "@/lib/http/staff-route";

export const dynamic = "force-dynamic";

/** POST because it reaches out to MobilePay (discovery, JWKS, a credentials probe): never run by a stray GET. */
export const POST = staffRoute({ permission: "diagnostics:read" }, ({ request, staff }) =>
  runDiagnostics({
    staff,
    request: {
      protocol: request.nextUrl.protocol,
      forwardedProto: request.headers.get("x-forwarded-proto"),
      host: request.headers.get("host"),
      forwardedHost: request.headers.get("x-forwarded-host"),
    },
  }),
);
