"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/http/api-client";
import { SANDBOX_SWITCH_NAMES, SANDBOX_SWITCHES, type SandboxSwitch } from "@/lib/demo/sandbox-switches";

/** The sandbox's switches as buttons; the console sends each one to the sandbox on the server. */
export function SandboxSwitchPanel() {
  const { pending, message, run } = useApiAction<SandboxSwitch>();

  const flip = (name: SandboxSwitch) =>
    run(
      name,
      () => apiRequest("/api/demo/sandbox-switch", { body: { switch: name } }),
      () => `Done: ${SANDBOX_SWITCHES[name].label}.`,
    );

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ul className="space-y-3">
        {SANDBOX_SWITCH_NAMES.map((name) => (
          <li key={name} className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" disabled={pending !== null} onClick={() => void flip(name)}>
              {SANDBOX_SWITCHES[name].label}
            </Button>
            <span className="text-sm text-slate-600">{SANDBOX_SWITCHES[name].explains}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
