"use client";

import { useEffect, useRef, type ReactNode } from "react";

import { Button } from "@/components/ui/button";

export type ConfirmRequest = {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  onConfirm: () => void;
};

/**
 * Asks before a change that is hard to undo. A native modal dialog: it traps focus, Escape cancels, and focus
 * returns to the button that opened it. Open while `request` is set; `onClose` clears it.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) element.showModal();
    if (!request && element.open) element.close();
  }, [request]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-dialog-title"
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {request ? (
        <div className="space-y-4 p-5">
          <h2 id="confirm-dialog-title" className="text-base font-semibold text-slate-900">
            {request.title}
          </h2>
          <div className="text-sm text-slate-600">{request.body}</div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onClose} autoFocus>
              Cancel
            </Button>
            <Button
              variant={request.tone ?? "primary"}
              onClick={() => {
                request.onConfirm();
                onClose();
              }}
            >
              {request.confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
