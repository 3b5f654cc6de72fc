import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

/** One message the server accepted: its envelope, the raw message, and the raw message undone of quoted-printable. */
export type ReceivedMail = { from: string; to: string[]; raw: string; decoded: string };

export type LocalSmtpServer = {
  /** `smtp://…` for SMTP_URL, with the login when the server asks for one. */
  url: string;
  received: ReceivedMail[];
  /** Until a mail to `to` has arrived (one that arrived earlier counts). */
  waitForMail(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
};

/** Soft line breaks and `=XX` escapes of quoted-printable, so a long link reads whole. */
function undoQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The reset link a mail carries, or null. */
export function resetLinkIn(mail: ReceivedMail): string | null {
  return /https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.decoded)?.[0] ?? null;
}

/**
 * A real SMTP server on 127.0.0.1 for tests, without TLS. With `login` it refuses mail from anyone who does
 * not log in with it; `refuseRecipients` answers every recipient with a permanent 550.
 */
export async function startLocalSmtpServer(
  options: { login?: { user: string; pass: string }; refuseRecipients?: boolean } = {},
): Promise<LocalSmtpServer> {
  const received: ReceivedMail[] = [];
  const arrivals = new EventEmitter();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.login ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.login,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const login = options.login;
      if (login && auth.username === login.user && auth.password === login.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (!options.refuseRecipients) {
        callback();
        return;
      }
      const refusal = Object.assign(new Error("No such mailbox"), { responseCode: 550 });
      callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mailFrom = session.envelope.mailFrom;
        const mail: ReceivedMail = {
          from: mailFrom ? mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw,
          decoded: undoQuotedPrintable(raw),
        };
        received.push(mail);
        arrivals.emit("mail", mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const login = options.login
    ? `${encodeURIComponent(options.login.user)}:${encodeURIComponent(options.login.pass)}@`
    : "";
  return {
    url: `smtp://${login}127.0.0.1:${port}`,
    received,
    waitForMail(to, timeoutMs = 10_000) {
      const earlier = received.find((mail) => mail.to.includes(to));
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          arrivals.off("mail", onMail);
          reject(new Error(`no mail to ${to} arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        function onMail(mail: ReceivedMail) {
          if (!mail.to.includes(to)) return;
          clearTimeout(timer);
          arrivals.off("mail", onMail);
          resolve(mail);
        }
        arrivals.on("mail", onMail);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
