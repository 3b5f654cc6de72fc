"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar's light theme sets its secondary and muted text at 4.3:1 and 3.3:1 against its panels, and its code
 * colours as low as 3.7:1 (on its dark request panels too); WCAG AA asks 4.5:1 (axe). Its code blocks' copy
 * buttons have no accessible name and appear only on hover; selecting the text copies as well.
 */
const ACCESSIBLE_CSS = `
.light-mode {
  --scalar-color-2: #5c5c5c;
  --scalar-color-3: #636363;
  --scalar-color-blue: #00649f;
  --scalar-color-green: #06734d;
  --scalar-color-orange: #b03d00;
  --scalar-color-red: #b81614;
}
.dark-mode { --scalar-color-red: #ff5c5c; }
.scalar-app .scalar-code-copy { display: none !important; }
`;

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
        // The classic layout nests each operation's copy button inside its accordion button (axe: nested-interactive).
        layout: "modern",
        showSidebar: false,
        // Its client-library picker is a tab list without tabs to a screen reader (axe: aria-required-children).
        hiddenClients: true,
        documentDownloadType: "none",
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        hideTestRequestButton: true,
        hideDarkModeToggle: true,
        // Its search button has no accessible name and a placeholder below WCAG contrast (axe); the page is
        // short enough for the browser's own find.
        hideSearch: true,
        forceDarkModeState: "light",
        customCss: ACCESSIBLE_CSS,
        showDeveloperTools: "never",
        // On a localhost page Scalar switches its AI agent on by itself, which talks to api.scalar.com.
        agent: { disabled: true },
      }}
    />
  );
}
