/**
 * Run as a separate console process by the webhook crash test, which kills it with SIGKILL in the middle
 * of a delivery burst: delivers from the outbox, pass after pass, until killed.
 */
import { getDb } from "@/lib/db/client";
import { runDeliveryPass } from "@/lib/webhooks/deliver-webhooks";

for (;;) {
  const result = await runDeliveryPass(getDb(), { batchSize: 20, concurrency: 4 });
  if (result.attempted === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
