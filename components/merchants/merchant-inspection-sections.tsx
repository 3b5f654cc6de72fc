"use client";

import type { ReactNode } from "react";

import { CallbackChecklist } from "@/components/inspection/callback-checklist";
import { ClockSkewMeter } from "@/components/inspection/clock-skew-meter";
import { MaskedTokens } from "@/components/inspection/masked-tokens";
import { RevealTokenDetails } from "@/components/inspection/reveal-token-details";
import { ScopeDiffTable } from "@/components/inspection/scope-diff-table";
import { ClaimsTable } from "@/components/merchants/claims-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { MerchantDetail } from "@/lib/merchants/get-merchant-detail";

/**
 * The merchant page's inspection sections, drawn from the same polled answer as the rest of the page: the stored
 * tokens, their claims and scopes, MobilePay's clock and the checks on each consent attempt.
 */
export function MerchantInspectionSections({
  detail,
  canReveal,
  clockSkew,
}: {
  detail: MerchantDetail;
  canReveal: boolean;
  /** MobilePay's clock, probed on the server while the page streams. */
  clockSkew: ReactNode;
}) {
  const { tokenSet, maskedTokens } = detail;
  return (
    <>
      {tokenSet && maskedTokens ? (
        <Card className="lg:col-span-2">
          <CardHeader
            title="Stored tokens"
            description="Masked: type, length, fingerprint and last four characters. The values never reach this page."
          />
          <CardBody className="space-y-4">
            <MaskedTokens tokens={maskedTokens.tokens} />
            {canReveal ? <RevealTokenDetails merchantId={detail.merchant.id} /> : null}
          </CardBody>
        </Card>
      ) : null}
      {tokenSet ? (
        <>
          <Card>
            <CardHeader
              title="id_token claims"
              description="From the last token response; the token itself is never shown."
            />
            <CardBody>
              <ClaimsTable title="id_token claims" claims={tokenSet.idTokenClaims} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Access token claims" description="Decoded payload only, without its signature." />
            <CardBody>
              <ClaimsTable title="Access token claims" claims={tokenSet.accessTokenClaims} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Scopes"
              description="The products asked for, as scopes, against what MobilePay granted."
            />
            <CardBody>
              <ScopeDiffTable rows={tokenSet.scopeDiff} />
            </CardBody>
          </Card>
        </>
      ) : null}
      <Card>
        <CardHeader
          title="Clock skew"
          description={`MobilePay's clock against this console's; id_tokens are accepted within ${detail.clockToleranceSeconds} s.`}
        />
        <CardBody className="space-y-4">
          {clockSkew}
          <ClockSkewMeter label="At the last tokens (iat)" verdict={detail.issuedAtClockSkew} />
        </CardBody>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader title="Consent attempts" description="What the console checked on each response from MobilePay." />
        <CardBody className="space-y-4">
          {detail.callbackRecords.length === 0 ? <p className="text-sm text-slate-500">No responses yet.</p> : null}
          {detail.callbackRecords.map((record) => (
            <CallbackChecklist key={record.id} record={record} />
          ))}
        </CardBody>
      </Card>
    </>
  );
}
