"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function UserMenu({ name, email }: { name: string | null; email: string | null }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="flex min-w-0 items-center gap-2 md:flex-col md:items-stretch">
      {/* Phones keep the top bar for search and sign-out; who is signed in is on the settings page. */}
      <div className="hidden min-w-0 text-right sm:block md:text-left">
        {name ? <p className="truncate text-sm font-medium text-zinc-900">{name}</p> : null}
        {email ? <p className="truncate text-xs text-zinc-500">{email}</p> : null}
      </div>
      <Button
        variant="secondary"
        size="sm"
        loading={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/sign-in" });
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
