"use client";

import { signOutTo } from "@/components/auth/auth-requests";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button variant="ghost" onClick={() => void signOutTo("/sign-in")}>
      Sign out
    </Button>
  );
}
