import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { resetLinkIn, startLocalSmtpServer, type LocalSmtpServer } from "@/lib/mail/testing/local-smtp-server";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as RequestModule from "./request-password-reset";
import type * as ResetModule from "./reset-password-with-link";
import type { sendPasswordResetLink as SendPasswordResetLink } from "./send-password-reset-link";

/** Reset links that travel by mail: an admin's, and one asked for at the sign-in page. */
let db: Database;
let request: typeof RequestModule;
let reset: typeof ResetModule;
let sendPasswordResetLink: typeof SendPasswordResetLink;
let smtp: LocalSmtpServer;

withConsoleDatabase(async (client) => {
  db = client;
  request = await import("./request-password-reset");
  reset = await import("./reset-password-with-link");
  ({ sendPasswordResetLink } = await import("./send-password-reset-link"));
});

beforeAll(async () => {
  smtp = await startLocalSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const admin = { type: "staff" as const, id: "admin-1", label: "admin@example.com" };
const settings = () => ({ url: smtp.url, from: "Console <console@example.com>" });

async function staffMember(options: { disabled?: boolean } = {}) {
  const email = `m-${randomBytes(4).toString("hex")}@example.com`;
  return db.staffUser.create({
    data: { email, name: "Mai Mail", role: "support", passwordHash: "x", disabled: options.disabled ?? false },
  });
}

const freshAddress = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomBytes(3).toString("hex")}`;
const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

async function requestFor(email: string, address = freshAddress()) {
  const outcome = await request.requestPasswordReset({ email, address }, settings());
  if (outcome.kind !== "accepted") throw new Error(`expected the request to be accepted, got ${outcome.kind}`);
  return outcome;
}

describe(`reset links by mail on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("mails an admin's link to its owner and still answers it to the admin", async () => {
    const staff = await staffMember();
    const sent = await sendPasswordResetLink({ staffId: staff.id, actor: admin }, settings());
    expect(sent.mail).toEqual({ status: "sent" });
    const mail = await smtp.waitForMail(staff.email);
    expect(resetLinkIn(mail)).toBe(sent.url);
    expect(mail.decoded).toContain("An admin of the MobilePay Link Console made a link");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "staff.password_reset_link_mailed", details: { contains: staff.id } },
    });
    expect(audit.outcome).toBe("success");
  });

  it("without a mail server, answers the link as before and mails nothing", async () => {
    const staff = await staffMember();
    const sent = await sendPasswordResetLink({ staffId: staff.id, actor: admin }, null);
    expect(sent.mail).toBeNull();
    expect(await reset.findUsablePasswordReset(tokenOf(sent.url))).toEqual({ email: staff.email });
  });

  it("keeps the link when the mail server is down, says why, and logs neither link nor token", async () => {
    const staff = await staffMember();
    const down = await startLocalSmtpServer();
    await down.close();
    const { logger } = await import("@/lib/logger");
    const written: string[] = [];
    const capture = (...parts: unknown[]) => void written.push(JSON.stringify(parts));
    const spies = (["debug", "info", "warn", "error"] as const).map((level) =>
      vi.spyOn(logger, level).mockImplementation(capture),
    );
    let sent: Awaited<ReturnType<typeof sendPasswordResetLink>>;
    try {
      sent = await sendPasswordResetLink({ staffId: staff.id, actor: admin }, { url: down.url, from: "c@example.com" });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(sent.mail).toEqual({ status: "failed", reason: "unreachable" });
    expect(await reset.findUsablePasswordReset(tokenOf(sent.url))).toEqual({ email: staff.email });
    expect(written.join("\n")).toContain("password reset mail not sent");
    expect(written.join("\n")).not.toContain(tokenOf(sent.url));
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "staff.password_reset_link_mailed", details: { contains: staff.id } },
    });
    expect(audit.outcome).toBe("failure");
    expect(audit.details).not.toContain(tokenOf(sent.url));
  });

  it("asked for at the sign-in page, mails a working link to an active account and audits the request", async () => {
    const staff = await staffMember();
    const outcome = await requestFor(staff.email);
    expect(await outcome.deliver()).toBe("mailed");
    const link = resetLinkIn(await smtp.waitForMail(staff.email));
    expect(link).not.toBeNull();
    expect((await smtp.waitForMail(staff.email)).decoded).toContain("Someone asked to reset the password");
    await reset.resetPasswordWithLink({ token: tokenOf(link!), password: "chosen-after-forgetting" });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "staff.password_reset_requested", details: { contains: staff.id } },
    });
    expect({ type: audit.actorType, label: audit.actorLabel }).toEqual({ type: "system", label: "forgot-password" });
  });

  it("answers an unknown or disabled email exactly alike, and neither makes a link nor sends mail", async () => {
    const disabled = await staffMember({ disabled: true });
    const unknown = `nobody-${randomBytes(4).toString("hex")}@example.com`;
    const linksBefore = await db.staffPasswordReset.count();
    for (const email of [unknown, disabled.email]) {
      const outcome = await requestFor(email);
      expect(Object.keys(outcome).sort()).toEqual(["deliver", "kind"]);
      expect(await outcome.deliver()).toBe("no-active-account");
    }
    expect(await db.staffPasswordReset.count()).toBe(linksBefore);
    // A mail to someone else sent afterwards arrives; nothing went to the two before it.
    const known = await staffMember();
    expect(await (await requestFor(known.email)).deliver()).toBe("mailed");
    await smtp.waitForMail(known.email);
    expect(smtp.received.filter((mail) => mail.to.includes(unknown) || mail.to.includes(disabled.email))).toEqual([]);
  });

  it("limits requests per email (known or not) and per address, and says when to come back", async () => {
    const unknown = `limit-${randomBytes(4).toString("hex")}@example.com`;
    for (let attempt = 0; attempt < request.RESET_REQUEST_EMAIL_POLICY.maxAttempts; attempt += 1) {
      await requestFor(unknown);
    }
    const refused = await request.requestPasswordReset({ email: unknown, address: freshAddress() }, settings());
    expect(refused).toMatchObject({ kind: "throttled" });
    if (refused.kind === "throttled") {
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(request.RESET_REQUEST_EMAIL_POLICY.windowMs);
    }

    const address = freshAddress();
    for (let attempt = 0; attempt < request.RESET_REQUEST_ADDRESS_POLICY.maxAttempts; attempt += 1) {
      await requestFor(`spray-${attempt}-${randomBytes(3).toString("hex")}@example.com`, address);
    }
    expect(await request.requestPasswordReset({ email: `spray-last@example.com`, address }, settings())).toMatchObject({
      kind: "throttled",
    });
  });
});
