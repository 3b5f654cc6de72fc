"use client";

import { LinkQrCode } from "@/components/links/link-qr-code";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";

/** A consent link the server showed once: to copy, or to scan from its QR code. */
export function OneTimeLink({
  url,
  qrSvg,
  linkLabel,
  qrLabel,
}: {
  url: string;
  qrSvg: string;
  /** The accessible name of the field holding the link. */
  linkLabel: string;
  /** The accessible name of the QR code. */
  qrLabel: string;
}) {
  return (
    <>
      <div className="flex items-center gap-2">
        <Input readOnly value={url} aria-label={linkLabel} className="font-mono text-xs" />
        <CopyButton value={url} />
      </div>
      <LinkQrCode svg={qrSvg} label={qrLabel} />
    </>
  );
}
