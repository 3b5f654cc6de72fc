import "server-only";

import { AppError } from "@/lib/errors";
import { refusedUrl } from "@/lib/webhooks/address-policy";
import { configuredAddressPolicy } from "@/lib/webhooks/deliver-webhooks";

/** Refuses a URL the delivery would refuse anyway, so staff hear it when they save, not days later. */
export function assertEndpointUrlAllowed(url: string): void {
  const refused = refusedUrl(url, configuredAddressPolicy());
  if (refused) {
    throw new AppError("INVALID_INPUT", {
      userMessage: `This URL cannot receive webhooks: ${refused}.`,
      fieldErrors: { url: [`Not allowed: ${refused}.`] },
    });
  }
}
