"use client";

import { useEffect } from "react";

import { buttonClassName } from "@/components/ui/button";

/**
 * The way back to the integrator's page that sent the merchant here. The browser goes on by itself once the page
 * runs (replacing this page in its history, so Back does not return to it); the link stays for a browser without
 * JavaScript, or one that did not follow.
 */
export function ReturnToIntegrator({ url, host }: { url: string; host: string }) {
  useEffect(() => {
    window.location.replace(url);
  }, [url]);
  return (
    <a href={url} className={buttonClassName("primary", "mt-6 w-full")}>
      Continue to {host}
    </a>
  );
}
