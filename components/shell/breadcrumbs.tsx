import Link from "next/link";
import { Fragment, type ReactNode } from "react";

export interface Crumb {
  label: ReactNode;
  /** Absent for the current page (shown as text). */
  href?: string;
}

/** Where a page sits: Projects / <project> / Specs …, each step a link back. */
export function Breadcrumbs({ items, className = "" }: { items: Crumb[]; className?: string }) {
  return (
    <nav aria-label="Breadcrumb" className={`text-xs text-zinc-500 ${className}`}>
      {items.map((item, index) => (
        <Fragment key={index}>
          {index > 0 && <span aria-hidden> / </span>}
          {item.href ? (
            <Link href={item.href} className="hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
              {item.label}
            </Link>
          ) : (
            <span aria-current="page">{item.label}</span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
