"use client";

import { useState } from "react";

import { UNREACHABLE_TEXT } from "@/components/ui/unreachable-text";
import { ApiError } from "@/lib/http/api-client";

export type ActionMessage = { tone: "success" | "error"; text: string };

/**
 * One console API call at a time for a group of buttons: which one is pending (`key`), and what came of the last
 * call, as the text the caller makes of its answer or the failure's user-safe message.
 */
export function useApiAction<Key = true>(unreachableText = UNREACHABLE_TEXT) {
  const [pending, setPending] = useState<Key | null>(null);
  const [message, setMessage] = useState<ActionMessage | null>(null);

  /** Runs the call; `succeeded` may use its answer and returns the success text to show, if any. */
  async function run<T>(key: Key, call: () => Promise<T>, succeeded?: (answer: T) => string | void): Promise<void> {
    setPending(key);
    setMessage(null);
    try {
      const text = succeeded?.(await call());
      if (text) setMessage({ tone: "success", text });
    } catch (error) {
      setMessage({
        tone: "error",
        text: error instanceof ApiError ? error.message : unreachableText,
      });
    } finally {
      setPending(null);
    }
  }

  return { pending, message, run };
}
