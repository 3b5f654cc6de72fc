"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";

/**
 * A consent link's QR code, for a merchant sitting across the desk or on a call with their phone at hand. The
 * server drew the SVG (see lib/links/link-qr-code.ts); it holds the link itself, so it is hidden until asked for.
 */
export function LinkQrCode({ svg, label }: { svg: string; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="space-y-2">
      <Button variant="ghost" aria-expanded={shown} onClick={() => setShown((current) => !current)}>
        {shown ? "Hide QR code" : "Show QR code"}
      </Button>
      {shown ? (
        <div
          role="img"
          aria-label={label}
          data-testid="link-qr-code"
          className="w-48 rounded-md border border-slate-200 bg-white p-2"
          // Markup made on the server by the QR library from the console's own URL: paths only, no script.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : null}
    </div>
  );
}
