import { resetDemo } from "@/lib/demo/load-demo-merchants";
import { staffRoute } from "@/lib/http/staff-route";

export const dynamic = "force-dynamic";

/** Resets the sandbox's switches and unlinks the built-in sandbox's merchants. */
export const POST = staffRoute({ permission: "demo:run" }, ({ staff }) => resetDemo(staff));
