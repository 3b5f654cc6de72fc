import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { passwordResetMail } from "@/lib/account/password-reset-mail";

import { MailNotSentError, sendMail } from "./send-mail";
import { resetLinkIn, startLocalSmtpServer, type LocalSmtpServer } from "./testing/local-smtp-server";

const LINK = `http://localhost:3000/reset-password/${"A".repeat(40)}b_-`;
const EXPIRES_AT = new Date("2026-12-06T10:30:00Z");
const message = (to: string) => passwordResetMail({ to, url: LINK, expiresAt: EXPIRES_AT, requestedBy: "admin" });

describe("sending mail through a real SMTP server", () => {
  let open: LocalSmtpServer;
  let withLogin: LocalSmtpServer;
  let refusing: LocalSmtpServer;
  let silent: Server;
  let silentPort: number;
  const silentSockets: Socket[] = [];

  beforeAll(async () => {
    open = await startLocalSmtpServer();
    withLogin = await startLocalSmtpServer({ login: { user: "console", pass: "p@ss word" } });
    refusing = await startLocalSmtpServer({ refuseRecipients: true });
    // Accepts the connection and never greets: a mail server that hangs.
    silent = createServer((socket) => silentSockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all([open.close(), withLogin.close(), refusing.close()]);
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("delivers the reset mail with a plain-text and an HTML part that both carry the link", async () => {
    await sendMail({ url: open.url, from: "Console <console@example.com>" }, message("rae@example.com"));
    const mail = await open.waitForMail("rae@example.com");
    expect(mail.from).toBe("console@example.com");
    expect(mail.raw).toMatch(/^Subject: Set a new password for the MobilePay Link Console/m);
    expect(mail.raw).toContain("multipart/alternative");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(resetLinkIn(mail)).toBe(LINK);
    expect(mail.decoded).toContain(`href="${LINK}"`);
    expect(mail.decoded).toContain("until 10:30 UTC on 2026-12-06");
    expect(mail.decoded).toContain("If you did not ask for this, ignore this mail");
  });

  it("logs in with the user and password of SMTP_URL, percent-decoded", async () => {
    await sendMail({ url: withLogin.url, from: "console@example.com" }, message("lee@example.com"));
    expect(resetLinkIn(await withLogin.waitForMail("lee@example.com"))).toBe(LINK);
  });

  it("names why a mail did not go out, without the server's own words", async () => {
    const wrongLogin = withLogin.url.replace("p%40ss%20word", "wrong");
    await expect(sendMail({ url: wrongLogin, from: "c@example.com" }, message("x@example.com"))).rejects.toEqual(
      new MailNotSentError("login-refused"),
    );
    await expect(sendMail({ url: refusing.url, from: "c@example.com" }, message("x@example.com"))).rejects.toEqual(
      new MailNotSentError("recipient-refused"),
    );
    const closed = await startLocalSmtpServer();
    await closed.close();
    await expect(sendMail({ url: closed.url, from: "c@example.com" }, message("x@example.com"))).rejects.toEqual(
      new MailNotSentError("unreachable"),
    );
    expect(refusing.received).toEqual([]);
  });

  it("gives up on a server that never greets instead of keeping the admin waiting", async () => {
    const started = Date.now();
    await expect(
      sendMail({ url: `smtp://127.0.0.1:${silentPort}`, from: "c@example.com" }, message("x@example.com")),
    ).rejects.toBeInstanceOf(MailNotSentError);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
