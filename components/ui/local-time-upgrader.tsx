"use client";

import { useEffect } from "react";

import { consoleTimeText, viewerTimeZone, type TimeStyle } from "@/components/ui/time-text";

/** "3 min ago" should not stay "3 min ago" for an hour while the page is open. */
const RECOUNT_EVERY_MS = 30_000;

function styleOf(element: HTMLElement): TimeStyle {
  return element.dataset.timeStyle === "absolute" ? "absolute" : "auto";
}

/**
 * Shows every LocalTime on the page in the viewer's zone, including those a later navigation or refresh
 * brings, and keeps their "ago" current. It rewrites the value of the time's own text node rather than
 * replacing it, so React keeps owning that node: when React changes it, the observer sees the change and
 * converts the new value.
 */
export function LocalTimeUpgrader() {
  useEffect(() => {
    const timeZone = viewerTimeZone();
    const written = new WeakMap<Node, string>();
    const upgrade = (recount: boolean) => {
      const now = Date.now();
      for (const element of document.querySelectorAll<HTMLTimeElement>("time[data-local-time]")) {
        const text = element.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        if (!recount && written.get(text) === text.nodeValue) continue;
        const local = consoleTimeText(element.dateTime, { now, timeZone, style: styleOf(element) });
        if (local === null) continue;
        written.set(text, local.text);
        if (text.nodeValue !== local.text) text.nodeValue = local.text;
        if (element.title !== local.title) element.title = local.title;
      }
    };
    upgrade(false);
    const observer = new MutationObserver(() => upgrade(false));
    observer.observe(document.body, { childList: true, characterData: true, subtree: true });
    const timer = setInterval(() => upgrade(true), RECOUNT_EVERY_MS);
    return () => {
      observer.disconnect();
      clearInterval(timer);
    };
  }, []);
  return null;
}
