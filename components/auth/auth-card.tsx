import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
            O
          </span>
          <span className="text-sm font-semibold tracking-tight text-zinc-900">OmoiOS</span>
        </div>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-zinc-500">{subtitle}</p> : null}
        <div className="mt-6 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">{children}</div>
        {footer ? <p className="mt-4 text-center text-sm text-zinc-600">{footer}</p> : null}
      </div>
    </main>
  );
}
