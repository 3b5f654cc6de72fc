"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/http/api-client";

export type OwnSessionRow = {
  id: string;
  userAgent: string;
  signInMethod: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

const METHOD_LABELS: Record<string, string> = { password: "Password", sso: "Company SSO", passkey: "Passkey" };

/** The browsers signed in to this account, this one first; any other can be signed out from here. */
export function OwnSessionsList({ sessions }: { sessions: OwnSessionRow[] }) {
  const router = useRouter();
  const { pending: busy, message, run } = useApiAction<string>();
  const others = sessions.filter((session) => !session.current).length;

  const end = (key: string, path: string, done: (answer: { sessionsEnded?: number }) => string) =>
    run(
      key,
      () => apiRequest<{ sessionsEnded?: number }>(path, { method: "DELETE" }),
      (answer) => {
        router.refresh();
        return done(answer);
      },
    );

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Table label="Active sessions">
        <thead>
          <tr>
            <Th>Browser</Th>
            <Th>Signed in</Th>
            <Th>Last seen</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((session) => (
            <tr key={session.id} data-testid={session.current ? "current-session" : "other-session"}>
              <Td>
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{session.userAgent}</span>
                  {session.current ? <Badge tone="info">This browser</Badge> : null}
                </span>
                <div className="text-xs text-slate-500">
                  {METHOD_LABELS[session.signInMethod] ?? session.signInMethod}
                </div>
              </Td>
              <Td className="text-xs whitespace-nowrap text-slate-600">
                <LocalTime iso={session.createdAt} />
              </Td>
              <Td className="text-xs whitespace-nowrap text-slate-600">
                <LocalTime iso={session.lastSeenAt} />
              </Td>
              <Td>
                {session.current ? null : (
                  <span className="flex justify-end">
                    <Button
                      variant="ghost"
                      disabled={busy !== null}
                      aria-label={`Sign out ${session.userAgent}`}
                      onClick={() =>
                        void end(session.id, `/api/account/sessions/${session.id}`, () => "That session is signed out.")
                      }
                    >
                      Sign out
                    </Button>
                  </span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Button
        variant="secondary"
        disabled={busy !== null || others === 0}
        onClick={() =>
          void end("others", "/api/account/sessions", ({ sessionsEnded = 0 }) =>
            sessionsEnded === 1
              ? "One other session was signed out."
              : `${sessionsEnded} other sessions were signed out.`,
          )
        }
      >
        Sign out other sessions
      </Button>
    </div>
  );
}
