import type { Metadata } from "next";
import Link from "next/link";

import { DemoStagePanel } from "@/components/demo/demo-stage-panel";
import { SandboxSwitchPanel } from "@/components/demo/sandbox-switch-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Demo" };

const LINK = "font-medium text-blue-700 hover:underline";

/** The five-minute story, step by step, for someone who does not know OIDC; each step says what to show. */
const STEPS: { title: string; body: React.ReactNode }[] = [
  {
    title: "Set the stage",
    body: (
      <>
        Press &quot;Load demo merchants&quot; (a few seconds): the sandbox&apos;s merchants consent through the real
        flow and are left active, degraded, needing a relink and unlinked, with one link still waiting.
      </>
    ),
  },
  {
    title: "Every merchant and its state, at a glance",
    body: (
      <>
        Open{" "}
        <Link href="/merchants" className={LINK}>
          Merchants
        </Link>
        . The strip above the table counts the merchants per state; a count opens the list filtered to that state. The
        list keeps itself current.
      </>
    ),
  },
  {
    title: "Link a merchant live",
    body: (
      <>
        <Link href="/merchants/link" className={LINK}>
          Link a merchant
        </Link>
        : name &quot;Annas Bageri&quot;, VAT DK12345678. Open the link in a private window (or show its QR code to a
        phone), log in as <code>anna@sandbox.test</code> / <code>sandbox-demo</code> (the sandbox&apos;s login page
        lists every test user) and press Allow. Back in the console the merchant appears as Active without a reload.
      </>
    ),
  },
  {
    title: "A failure and its diagnosis",
    body: (
      <>
        Press &quot;MobilePay fails once&quot; below, then &quot;Refresh now&quot; on the merchant&apos;s page. The
        header, the connection and the timeline all turn Degraded together, with MobilePay&apos;s answer as the reason.
      </>
    ),
  },
  {
    title: "The recovery",
    body: (
      <>
        Press &quot;Refresh now&quot; again: Active. The lineage shows the new generation and the refresh token it
        replaced.
      </>
    ),
  },
  {
    title: "Consent withdrawn, and a relink",
    body: (
      <>
        Press &quot;MobilePay refuses the next refresh&quot;, then &quot;Refresh now&quot;: Relink needed. &quot;Create
        relink link&quot;, let the merchant allow again: Active, same merchant, same history.
      </>
    ),
  },
  {
    title: "A sample invoice",
    body: (
      <>
        On the merchant&apos;s page, open &quot;Sample calls&quot; and send an Invoice request: the console fetches a
        fresh access token itself and shows the request and MobilePay&apos;s answer, tokens masked.
      </>
    ),
  },
  {
    title: "MobilePay down: what the merchant sees",
    body: (
      <>
        Press &quot;Take MobilePay down&quot;, open a new consent link and press &quot;Continue to MobilePay&quot;: the
        merchant gets a calm page saying what to do, and the link in the console says MobilePay could not be reached,
        and when. Press &quot;Bring MobilePay back&quot; and the same link works.
      </>
    ),
  },
  {
    title: "Tidy up",
    body: <>&quot;Reset the sandbox&apos;s switches&quot; clears every fault; unlink the merchants you linked.</>,
  },
];

export default async function DemoPage() {
  await requirePagePermission("demo:run");
  const sandboxEnabled = getEnv().SANDBOX_ENABLED;
  return (
    <>
      <PageHeader
        title="Demo script"
        description="Five minutes, start to finish, against the built-in MobilePay sandbox. Nothing here touches a real MobilePay environment."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader
            title="The stage"
            description="Merchants in every state, linked through the built-in sandbox exactly as real ones are."
          />
          <CardBody>
            {sandboxEnabled ? (
              <DemoStagePanel />
            ) : (
              <p className="text-sm text-slate-600">The built-in sandbox is not enabled in this console.</p>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="The story" description="Show each step in order; each one takes under a minute." />
          <CardBody>
            <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-700" aria-label="Demo steps">
              {STEPS.map((step) => (
                <li key={step.title}>
                  <p className="font-semibold text-slate-900">{step.title}</p>
                  <p className="mt-1">{step.body}</p>
                </li>
              ))}
            </ol>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="The sandbox's switches"
            description="Sent to the built-in sandbox by the console itself; no token to copy."
          />
          <CardBody>
            {sandboxEnabled ? (
              <SandboxSwitchPanel />
            ) : (
              <p className="text-sm text-slate-600">The built-in sandbox is not enabled in this console.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
