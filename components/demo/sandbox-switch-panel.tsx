"use client";

import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, apiRequest } from "@/lib/http/api-client";
import { SANDBOX_SWITCH_NAMES, SANDBOX_SWITCHES, type SandboxSwitch } from "@/lib/demo/sandbox-switches";

/** The sandbox's switches as buttons; the console sends each one to the sandbox on the server. */
export function SandboxSwitchPanel() {
  const [pending, setPending] = useState<SandboxSwitch | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function flip(name: SandboxSwitch) {
    setPending(name);
    setMessage(null);
    try {
      await apiRequest("/api/demo/sandbox-switch", { body: { switch: name } });
      setMessage({ tone: "success", text: `Done: ${SANDBOX_SWITCHES[name].label}.` });
    } catch (error) {
      setMessage({
        tone: "error",
        text: error instanceof ApiError ? error.message : "The console could not be reached.",
      });
    } finally {
      setPending(null);
    }
  }

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
