import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";

export type MadeResetLink = { url: string; email: string; expiresAt: string };

/** A reset link right after it was made: the only time the console shows it. */
export function PasswordResetLinkNotice({ link }: { link: MadeResetLink }) {
  return (
    <Alert tone="success">
      <p className="font-medium">
        Password reset link for {link.email} — shown this once. Pass it on to them; it works once, until{" "}
        <LocalTime iso={link.expiresAt} style="absolute" />, and replaces any earlier link.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="password-reset-link" className="rounded bg-white px-2 py-1 break-all">
          {link.url}
        </code>
        <CopyButton value={link.url} label="Copy link" />
      </div>
    </Alert>
  );
}
