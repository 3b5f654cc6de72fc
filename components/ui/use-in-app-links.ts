"use client";

import { useRouter } from "next/navigation";
import { useRef, type FocusEvent, type MouseEvent } from "react";

import { useHydrated } from "@/components/ui/use-hydrated";

/** The anchor an event came from, inside the element handling it, if it leads to a page of this console. */
function inAppAnchor(event: { target: EventTarget; currentTarget: HTMLElement }): HTMLAnchorElement | null {
  if (!(event.target instanceof Element)) return null;
  const anchor = event.target.closest("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return null;
  const href = anchor.getAttribute("href") ?? "";
  // A path of this origin only ("//host" is another origin); a new tab or a download is the browser's.
  if (!href.startsWith("/") || href.startsWith("//")) return null;
  if (anchor.hasAttribute("download") || (anchor.target && anchor.target !== "_self")) return null;
  return anchor;
}

/**
 * Handlers for an element full of plain links to console pages, such as a table with a link in every row:
 * a plain click opens the page inside the app (no reload, the layout kept) and pointing at or focusing a link
 * fetches its page ahead, as next/link does. One set of handlers instead of a Link per row: a Link costs the
 * server more to render than the rest of its row. Clicks with a modifier key or another button, and links
 * elsewhere, stay the browser's. `data-hydrated` says when the handlers are in place; a click before that is
 * an ordinary page load.
 */
export function useInAppLinks() {
  const router = useRouter();
  const hydrated = useHydrated();
  const prefetched = useRef(new Set<string>());

  const prefetch = (event: MouseEvent<HTMLElement> | FocusEvent<HTMLElement>) => {
    const href = inAppAnchor(event)?.getAttribute("href");
    if (!href || prefetched.current.has(href)) return;
    prefetched.current.add(href);
    router.prefetch(href);
  };

  return {
    onClick(event: MouseEvent<HTMLElement>) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const href = inAppAnchor(event)?.getAttribute("href");
      if (!href) return;
      event.preventDefault();
      router.push(href);
    },
    onMouseOver: prefetch,
    onFocus: prefetch,
    "data-hydrated": hydrated,
  };
}
