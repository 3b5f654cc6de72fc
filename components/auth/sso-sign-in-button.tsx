"use client";

import { useState } from "react";

import { continueWithProvider } from "@/components/auth/auth-requests";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SsoSignInButton({ providerId, label }: { providerId: string; label: string }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      className="w-full"
      disabled={!hydrated || pending}
      data-hydrated={hydrated}
      onClick={() => {
        setPending(true);
        continueWithProvider(providerId, "/merchants", "/sign-in?error=OAuthSignin").catch(() => setPending(false));
      }}
    >
      {pending ? "Opening sign-in…" : `Sign in with ${label}`}
    </Button>
  );
}
