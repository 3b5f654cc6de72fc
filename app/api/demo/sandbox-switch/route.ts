import { flipSandboxSwitch, ZFlipSandboxSwitchSchema } from "@/lib/demo/flip-sandbox-switch";
import { staffRoute } from "@/lib/http/staff-route";

/** Flips one of the built-in sandbox's switches for the demo; the console holds the control token. */
export const POST = staffRoute({ permission: "demo:run", body: ZFlipSandboxSwitchSchema }, ({ body, staff }) =>
  flipSandboxSwitch(body.switch, staff),
);
