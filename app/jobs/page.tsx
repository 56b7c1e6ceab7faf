import type { Metadata } from "next";
import { JobsTable } from "@/components/jobs/jobs-table";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { JOB_KIND_NAMES, jobKind } from "@/lib/job-kinds/index";
import { JOB_STATES, listJobs, ZJobFilter } from "@/lib/job-kinds/jobs";

export const metadata: Metadata = { title: "Jobs" };
export const dynamic = "force-dynamic";

type TSearch = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The long tasks the workers run, every kind, with live progress; filters (kind, state) live in the URL. */
export default async function JobsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const actor = await requirePageActor("trajectories:read");
  const search = await searchParams;
  const wanted = { kind: single(search.kind), state: single(search.state) };
  const filter = ZJobFilter.safeParse(wanted);
  const query = new URLSearchParams(Object.entries(wanted).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  const jobs = filter.success ? await listJobs(actor, filter.data) : [];
  const controllable = actorCan(actor, "jobs:control") ? JOB_KIND_NAMES.filter((kind) => actorCan(actor, jobKind(kind).scope)) : [];

  return (
    <div className="space-y-6">
      <div className="max-w-4xl">
        <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
        <p className="mt-1 text-sm text-slate-600">
          The long tasks the workers run (imports, exports, contamination checks, bulk reviews, the demo data), newest first. Running jobs update about once a second.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter jobs">
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Kind</span>
          <select name="kind" defaultValue={wanted.kind ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">all kinds</option>
            {JOB_KIND_NAMES.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">State</span>
          <select name="state" defaultValue={wanted.state ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">all states</option>
            {JOB_STATES.map((state) => <option key={state} value={state}>{state}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Filter</button>
      </form>
      {filter.success ? (
        <JobsTable key={query} initial={jobs} query={query} controllable={controllable} />
      ) : (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="jobs-filter-error">
          {filter.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}
        </p>
      )}
    </div>
  );
}
