import "server-only";

import { z } from "zod";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { sendSandboxControl } from "@/lib/demo/sandbox-control";
import { SANDBOX_SWITCH_NAMES, SANDBOX_SWITCHES, type SandboxSwitch } from "@/lib/demo/sandbox-switches";

export const ZFlipSandboxSwitchSchema = z.object({
  switch: z.enum(SANDBOX_SWITCH_NAMES as [SandboxSwitch, ...SandboxSwitch[]]),
});

/** Flips one of the sandbox's switches for the demo; the console sends it, signed with the control token. */
export async function flipSandboxSwitch(name: SandboxSwitch, staff: CurrentStaff): Promise<{ switch: SandboxSwitch }> {
  await sendSandboxControl(SANDBOX_SWITCHES[name].request);
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "demo.sandbox_switch",
    environment: "sandbox",
    details: { switch: name },
  });
  return { switch: name };
}
