"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ApiError, apiRequest } from "@/lib/http/api-client";

export function ReplayMessageButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "pending" | "queued" | string>("idle");
  async function replay() {
    setState("pending");
    try {
      await apiRequest(`/api/webhooks/${endpointId}/replay`, { body: { deliveryId } });
      setState("queued");
      router.refresh();
    } catch (error) {
      setState(error instanceof ApiError ? error.message : "failed");
    }
  }
  return (
    <Button variant="ghost" disabled={state === "pending"} onClick={() => void replay()}>
      {state === "queued" ? "Queued" : state === "idle" || state === "pending" ? "Replay" : state}
    </Button>
  );
}
