import "server-only";

import { z } from "zod";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { SANDBOX_SWITCH_NAMES, SANDBOX_SWITCHES, type SandboxSwitch } from "@/lib/demo/sandbox-switches";

export const ZFlipSandboxSwitchSchema = z.object({
  switch: z.enum(SANDBOX_SWITCH_NAMES as [SandboxSwitch, ...SandboxSwitch[]]),
});

/** The built-in sandbox's control API, or why the console has none (a production install without the sandbox). */
export function builtInSandboxControl(): { url: string; token: string } {
  const env = getEnv();
  if (!env.SANDBOX_ENABLED || !env.SANDBOX_CONTROL_TOKEN) {
    throw new AppError("CONFLICT", { userMessage: "The built-in sandbox is not enabled in this console." });
  }
  return { url: env.SANDBOX_URL.replace(/\/$/, ""), token: env.SANDBOX_CONTROL_TOKEN };
}

/** Flips one of the sandbox's switches for the demo, signed with the control token here on the server. */
export async function flipSandboxSwitch(name: SandboxSwitch, staff: CurrentStaff): Promise<{ switch: SandboxSwitch }> {
  const { url, token } = builtInSandboxControl();
  const { request } = SANDBOX_SWITCHES[name];
  const body = "body" in request ? request.body : undefined;
  let response: Response;
  try {
    response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    throw new AppError("UPSTREAM_UNAVAILABLE", { userMessage: "The built-in sandbox could not be reached." });
  }
  if (!response.ok) {
    throw new AppError("UPSTREAM_UNAVAILABLE", {
      userMessage: `The built-in sandbox refused the switch (HTTP ${response.status}).`,
    });
  }
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "demo.sandbox_switch",
    environment: "sandbox",
    details: { switch: name },
  });
  return { switch: name };
}
