import type { ComponentProps, ReactNode } from "react";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return <div className={`rounded-lg border border-zinc-200 bg-white shadow-xs ${className ?? ""}`} {...props} />;
}

/** A card with a titled header; `headingLevel` keeps the page's heading outline in order. */
export function SectionCard({
  title,
  description,
  actions,
  headingLevel = 2,
  children,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  children: ReactNode;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <Card className={className}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <div className="min-w-0">
          <Heading className="text-sm font-semibold text-zinc-900">{title}</Heading>
          {description ? <p className="mt-0.5 text-xs text-zinc-500">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </Card>
  );
}
