"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { OneTimeSecret } from "@/components/webhooks/one-time-secret";
import { ApiError, apiRequest } from "@/lib/http/api-client";

type Message = { tone: "success" | "error"; text: string };

/** What an admin can do with an endpoint: test it, disable or enable it, rotate its secret, replay messages. */
export function EndpointActions({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [since, setSince] = useState("");

  async function act(path: string, body: unknown, done: (result: never) => Message, method = "POST") {
    setPending(true);
    setMessage(null);
    try {
      const result = await apiRequest<never>(`/api/webhooks/${endpointId}${path}`, { method, body });
      setMessage(done(result));
      router.refresh();
    } catch (error) {
      setMessage({
        tone: "error",
        text: error instanceof ApiError ? error.message : "The console could not be reached.",
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {secret ? <OneTimeSecret secret={secret} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending || !enabled}
          onClick={() =>
            void act("/test", {}, (result: { outcome: string }) => ({
              tone: result.outcome === "delivered" ? "success" : "error",
              text: `Test event: ${result.outcome}.`,
            }))
          }
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            void act(
              "",
              { enabled: !enabled },
              () => ({
                tone: "success",
                text: enabled ? "Endpoint disabled." : "Endpoint enabled.",
              }),
              "PATCH",
            )
          }
        >
          {enabled ? "Disable" : "Enable"}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            void act("/rotate", { overlapHours: 24 }, (result: { secret: string }) => {
              setSecret(result.secret);
              return { tone: "success", text: "New secret made; the old one signs beside it for 24 hours." };
            })
          }
        >
          Rotate secret
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm text-slate-700">
          Replay everything since
          <Input type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} />
        </label>
        <Button
          variant="secondary"
          disabled={pending || !since}
          onClick={() =>
            void act("/replay", { since: new Date(since).toISOString() }, (result: { replayed: number }) => ({
              tone: "success",
              text: `${result.replayed} messages queued again.`,
            }))
          }
        >
          Replay
        </Button>
      </div>
    </div>
  );
}
