"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar's reference, fed the document the page already holds, so it fetches nothing. Everything that would
 * reach another origin is off: its default fonts (fonts.scalar.com), telemetry, its AI agent, and its request
 * client, whose "test request" would have staff paste an API key into the console.
 */
export default function ScalarViewer({ document }: { document: object }) {
  return (
    <ApiReferenceReact
      configuration={{
        content: document,
        layout: "classic",
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideTestRequestButton: true,
        hideDarkModeToggle: true,
        // Its search button has no accessible name and a placeholder below WCAG contrast (axe); the page is
        // short enough for the browser's own find.
        hideSearch: true,
        forceDarkModeState: "light",
        showDeveloperTools: "never",
        // On a localhost page Scalar switches its AI agent on by itself, which talks to api.scalar.com.
        agent: { disabled: true },
      }}
    />
  );
}
