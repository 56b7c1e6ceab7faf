import Link from "next/link";
import type { ReactNode } from "react";

/** A box of the home page, named for screen readers by its title. */
export function OverviewCard({ title, children, more }: { title: string; children: ReactNode; more?: { href: string; label: string } }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-sm font-medium text-slate-700">{title}</h2>
        {more && <Link href={more.href} className="text-xs text-indigo-700 hover:underline">{more.label}</Link>}
      </div>
      <div className="mt-2 text-sm">{children}</div>
    </section>
  );
}

/** A count that leads to the rows it counts. */
export function CountLink({ href, count, children }: { href: string; count: number; children: ReactNode }) {
  return (
    <Link href={href} className="text-indigo-700 hover:underline">
      <b className="tabular-nums" data-testid="overview-number">{count.toLocaleString("en")}</b> {children}
    </Link>
  );
}
