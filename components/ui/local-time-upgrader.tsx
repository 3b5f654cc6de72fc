"use client";

import { useEffect } from "react";

import { localText } from "@/components/ui/time-text";

/**
 * Shows every LocalTime on the page in the viewer's zone, including those a later navigation or refresh
 * brings. It rewrites the value of the time's own text node rather than replacing it, so React keeps
 * owning that node: when React changes it, the observer sees the change and converts the new value.
 */
export function LocalTimeUpgrader() {
  useEffect(() => {
    const converted = new WeakMap<Node, string>();
    const upgrade = () => {
      const now = Date.now();
      for (const element of document.querySelectorAll<HTMLTimeElement>("time[data-local-time]")) {
        const text = element.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE || converted.get(text) === text.nodeValue) continue;
        const local = localText(element.dateTime, now);
        if (local === null) continue;
        converted.set(text, local);
        text.nodeValue = local;
      }
    };
    upgrade();
    const observer = new MutationObserver(upgrade);
    observer.observe(document.body, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
