"use client";

import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button
      variant="ghost"
      onClick={() => {
        // The sign-in requests load on the click: every console page carries this button, few pages sign out.
        void import("@/components/auth/auth-requests").then(({ signOutTo }) => signOutTo("/sign-in"));
      }}
    >
      Sign out
    </Button>
  );
}
