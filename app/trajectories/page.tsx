import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { FilterSidebar } from "@/components/trajectories/filter-sidebar";
import { TrajectoryTable } from "@/components/trajectories/trajectory-table";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import type { TActor } from "@/lib/access/actor";
import { anyTrajectoryStored } from "@/lib/trajectories/any-stored";
import { facetCounts } from "@/lib/trajectories/facets";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { filterOf, parseTrajectoryQuery, type TTrajectoryFilter } from "@/lib/trajectories/query";
import { describeZodError } from "@/lib/errors";

export const metadata: Metadata = { title: "Trajectories" };
export const dynamic = "force-dynamic";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TrajectoriesPage({ searchParams }: TProps) {
  const actor = await requirePageActor();
  const parsed = parseTrajectoryQuery(await searchParams);
  if (!parsed.success) {
    return (
      <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-6 text-sm text-rose-900">
        <h1 className="text-lg font-semibold">This link has a filter the table does not understand</h1>
        <p className="mt-2 font-mono text-xs">{describeZodError(parsed.error)}</p>
        <Link href="/trajectories" className="mt-3 inline-block underline">Open the table without filters</Link>
      </div>
    );
  }
  const query = parsed.data;
  const filter = filterOf(query);
  const [page, stored] = await Promise.all([listTrajectories(actor, query), anyTrajectoryStored(actor)]);

  return (
    <div className="grid grid-cols-[12rem_minmax(0,1fr)] gap-6">
      <Suspense key={JSON.stringify(filter)} fallback={<FilterSidebar facets={null} />}>
        <Facets actor={actor} filter={filter} />
      </Suspense>
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Trajectories</h1>
        {!stored ? (
          <Empty title="No trajectories yet">
            Import a file on the <Link href="/import" className="underline">import page</Link> or with{" "}
            <code className="font-mono">npm run cli -- import FILE</code>.
          </Empty>
        ) : page.rows.length === 0 ? (
          <Empty title="No trajectory matches these filters">
            Loosen a filter on the left, or <Link href="/trajectories" className="underline">clear them all</Link>.
          </Empty>
        ) : (
          <TrajectoryTable rows={page.rows} next={page.next} previous={page.previous} total={page.total} canReview={actorCan(actor, "review:write")} />
        )}
      </section>
    </div>
  );
}

async function Facets({ actor, filter }: { actor: TActor; filter: TTrajectoryFilter }) {
  return <FilterSidebar facets={await facetCounts(actor, filter)} />;
}

function Empty({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-state">
      <h2 className="text-lg font-medium">{title}</h2>
      <p className="mt-2 text-sm text-slate-600">{children}</p>
    </div>
  );
}
