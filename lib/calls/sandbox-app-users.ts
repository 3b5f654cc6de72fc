import type { Country, SampleAppUser } from "@/lib/calls/sample-call-context";

/**
 * MobilePay app users of the built-in sandbox's seed, for the user-simulation
 * endpoints. MobilePay's own sandbox has test users of its own.
 */
export const SANDBOX_APP_USERS: Record<Country, SampleAppUser> = {
  DK: { id: "8a7dff7f-c7f7-480f-852e-74168abd667e", name: "Karen Holm", phone: "+4512345678" },
  FI: { id: "c2f6a8d4-3e1b-4f0a-9b7c-6d5e4f3a2b10", name: "Aino Laine", phone: "+358401234567" },
};
