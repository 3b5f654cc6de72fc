import type { ReactNode } from "react";

import { requirePagePermission } from "@/lib/auth/require-role";

/** Refuses above the loading skeleton: once the skeleton streams, a refusal inside it would answer 200. */
export default async function ApiKeysLayout({ children }: { children: ReactNode }) {
  await requirePagePermission("api-keys:read");
  return children;
}
