import { loadDemoMerchants } from "@/lib/demo/load-demo-merchants";
import { staffRoute } from "@/lib/http/staff-route";

export const dynamic = "force-dynamic";

/** Links the built-in sandbox's merchants through the real consent flow and leaves them in every state. */
export const POST = staffRoute({ permission: "demo:run" }, ({ staff }) => loadDemoMerchants(staff));
