"use client";

import dynamic from "next/dynamic";

/**
 * Loaded after the page is up and only in the browser: Scalar is a Vue application of a few megabytes, which
 * would otherwise count against every route's first-load JavaScript and render nothing useful on the server.
 * Next loads its chunks with the page's nonce ('strict-dynamic' trusts what a trusted script loads).
 */
const ScalarViewer = dynamic(() => import("@/components/api-reference/scalar-viewer"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading the API reference…</p>,
});

export function ApiReferenceViewer({ document }: { document: object }) {
  return (
    <div data-testid="api-reference" className="rounded-lg border border-slate-200 bg-white">
      <ScalarViewer document={document} />
    </div>
  );
}
