import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MobilePay Link Console", template: "%s · MobilePay Link Console" },
  description: "Link MobilePay merchants, keep their tokens alive and call the Invoice and Subscriptions APIs.",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, which the
  // per-request CSP nonce on Next's scripts requires.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
