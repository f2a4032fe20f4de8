import Link from "next/link";
import type { ReactNode } from "react";
import { readPageSession } from "@/app/read-page-session";
import { AppNav } from "@/components/shell/app-nav";
import { CommandPalette, PaletteButton } from "@/components/shell/command-palette";
import { IsolationBanner } from "@/components/shell/isolation-banner";
import { SignInRedirect } from "@/components/shell/sign-in-redirect";
import { UserMenu } from "@/components/shell/user-menu";
import { getIsolationWarning } from "@/lib/sandbox/get-isolation-warning";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await readPageSession();
  if (!session) return <SignInRedirect />;
  const isolationWarning = getIsolationWarning();

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-1.5 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      {/* Phones: a top bar (home, search, account) and the main links along the bottom, within thumb's reach. */}
      <header className="flex shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-4 py-2 md:sticky md:top-0 md:h-screen md:w-56 md:flex-col md:items-stretch md:justify-start md:gap-3 md:border-r md:border-b-0 md:px-3 md:py-4">
        <Link
          href="/projects"
          className="mr-auto flex items-center gap-2 rounded-md px-2 py-1 focus-visible:outline-2 focus-visible:outline-indigo-600 md:mr-0"
        >
          <span aria-hidden className="grid size-6 place-items-center rounded bg-indigo-600 text-xs font-bold text-white">
            O
          </span>
          <span className="text-sm font-semibold tracking-tight">OmoiOS</span>
        </Link>
        <div className="md:hidden">
          <PaletteButton compact />
        </div>
        <div className="order-last md:order-none md:mt-4 md:flex-1 md:space-y-3">
          <div className="hidden md:block">
            <PaletteButton />
          </div>
          <AppNav />
        </div>
        <UserMenu name={session.user.name} email={session.user.email} />
      </header>
      <CommandPalette />
      {/* Room at the bottom on phones for the fixed navigation. */}
      <main id="main" className="min-w-0 flex-1 px-4 pt-6 pb-24 md:px-8 md:pb-6">
        {isolationWarning ? <IsolationBanner message={isolationWarning} /> : null}
        {children}
      </main>
    </div>
  );
}
