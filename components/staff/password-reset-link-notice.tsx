import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";

type MailFailureReason = "unreachable" | "timeout" | "login-refused" | "recipient-refused" | "other";

export type MadeResetLink = {
  url: string;
  email: string;
  expiresAt: string;
  /** null when the console has no mail server. */
  mail: { status: "sent" } | { status: "failed"; reason: MailFailureReason } | null;
};

const FAILURE_WORDS: Record<MailFailureReason, string> = {
  unreachable: "the mail server could not be reached",
  timeout: "the mail server did not answer in time",
  "login-refused": "the mail server refused the console's login (check SMTP_URL)",
  "recipient-refused": "the mail server refused the address",
  other: "the mail server did not accept it",
};

/** A reset link right after it was made: the only time the console shows it, mailed or not. */
export function PasswordResetLinkNotice({ link }: { link: MadeResetLink }) {
  return (
    <div className="space-y-2">
      {link.mail?.status === "failed" ? (
        <Alert tone="error">
          <span data-testid="password-reset-mail-failed">
            The mail to {link.email} was not sent: {FAILURE_WORDS[link.mail.reason]}. The link below works all the same;
            copy it and pass it on yourself.
          </span>
        </Alert>
      ) : null}
      <Alert tone="success">
        <p className="font-medium">
          Password reset link for {link.email} — shown this once.{" "}
          {link.mail?.status === "sent" ? `It was mailed to ${link.email}; ` : "Pass it on to them; "}
          it works once, until <LocalTime iso={link.expiresAt} style="absolute" />, and replaces any earlier link.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <code data-testid="password-reset-link" className="rounded bg-white px-2 py-1 break-all">
            {link.url}
          </code>
          <CopyButton value={link.url} label="Copy link" />
        </div>
      </Alert>
    </div>
  );
}
