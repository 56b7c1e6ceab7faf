import type { Metadata } from "next";
import Link from "next/link";
import { DatasetTable } from "@/components/datasets/dataset-table";
import { CountLink, OverviewCard } from "@/components/overview/overview-card";
import { ReviewProgress } from "@/components/overview/review-progress";
import { formatThreshold } from "@/lib/thresholds/value";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import type { TActor } from "@/lib/access/actor";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { labelCounts } from "@/lib/contamination/report-items";
import { listRuns } from "@/lib/contamination/run";
import { listExports } from "@/lib/export/exports";
import { listJobs } from "@/lib/job-kinds/jobs";
import { dirtyTrajectoryCount, myQueueCount, openProposals, reviewProgress } from "@/lib/overview/team-overview";
import { deleteDatasetAction } from "./actions";

export const metadata: Metadata = { title: "Overview" };

export const dynamic = "force-dynamic";

/** The team's overview: what needs review, what is being decided, the latest check, jobs and exports; then the datasets. */
export default async function HomePage() {
  const actor = await requirePageActor();
  const [datasets, progress] = await Promise.all([listDatasets(actor), reviewProgress(actor)]);
  const canImport = actorCan(actor, "datasets:import");
  const trajectories = progress.reduce((sum, row) => sum + row.accepted + row.rejected + row.pending, 0);

  return (
    <div className="space-y-8">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
          <p className="mt-1 text-sm text-slate-600">
            {datasets.length} {datasets.length === 1 ? "dataset" : "datasets"} · {trajectories.toLocaleString("en")}{" "}
            {trajectories === 1 ? "trajectory" : "trajectories"} · {progress.length} {progress.length === 1 ? "task" : "tasks"}
          </p>
        </div>
        {canImport && (
          <Link href="/import" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            Import a file
          </Link>
        )}
      </div>
      {datasets.length === 0 ? (
        <EmptyState canImport={canImport} />
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <ReviewProgress tasks={progress} />
            <TeamCards actor={actor} />
          </div>
          <section className="space-y-2">
            <h2 className="text-lg font-medium">Datasets</h2>
            <DatasetTable datasets={datasets} deleteAction={actorCan(actor, "datasets:delete") ? deleteDatasetAction : undefined} />
          </section>
        </>
      )}
    </div>
  );
}

async function TeamCards({ actor }: { actor: TActor }) {
  const [queue, proposals, [run], dirty, running, exports] = await Promise.all([
    myQueueCount(actor),
    openProposals(actor),
    listRuns(actor, 1),
    dirtyTrajectoryCount(actor),
    listJobs(actor, { state: "running", limit: 5 }),
    listExports(actor, 3),
  ]);
  const runCounts = run?.state === "finished" ? await labelCounts(actor, run.id) : null;
  return (
    <div className="grid content-start gap-4 sm:grid-cols-2">
      {queue !== null && (
        <OverviewCard title="My queue">
          <CountLink href="/trajectories?status=pending" count={queue}>{queue === 1 ? "trajectory waits" : "trajectories wait"} for your review</CountLink>
        </OverviewCard>
      )}
      <OverviewCard title="Open threshold proposals" more={{ href: "/thresholds", label: "all thresholds" }}>
        {proposals.length === 0 ? (
          <p className="text-slate-500">None open.</p>
        ) : (
          <ul className="space-y-1">
            {proposals.map((proposal) => (
              <li key={proposal.id} className="truncate" title={proposal.reason}>
                <Link href={`/thresholds?task=${encodeURIComponent(proposal.task)}`} className="text-indigo-700 hover:underline">
                  <span className="font-mono">{proposal.task}</span> → {formatThreshold(proposal.value)}
                </Link>{" "}
                <span className="text-xs text-slate-500">{proposal.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </OverviewCard>
      <OverviewCard title="Latest contamination check" more={{ href: "/contamination", label: "all checks" }}>
        {!run ? (
          <p className="text-slate-500">No check yet.</p>
        ) : (
          <div className="space-y-1">
            <Link href={`/contamination/runs/${run.id}`} className="text-indigo-700 hover:underline">Run {run.id}: {run.testSetName}</Link>{" "}
            <span className="text-xs text-slate-500">{run.state}{run.finishedAt ? `, ${run.finishedAt.toISOString().slice(0, 10)}` : ""}</span>
            {runCounts && (
              <div>
                <Link href={`/contamination/runs/${run.id}?label=dirty`} className="text-indigo-700 hover:underline">
                  <b className="tabular-nums" data-testid="overview-number">{runCounts.dirty}</b> dirty test {runCounts.dirty === 1 ? "item" : "items"}
                </Link>
              </div>
            )}
            <div>
              <CountLink href="/trajectories?contamination=dirty" count={dirty}>dirty {dirty === 1 ? "trajectory" : "trajectories"}</CountLink>
            </div>
          </div>
        )}
      </OverviewCard>
      <OverviewCard title="Running jobs" more={{ href: "/jobs", label: "all jobs" }}>
        <CountLink href="/jobs?state=running" count={running.length}>running</CountLink>
        {running.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
            {running.map((job) => (
              <li key={job.id}>{job.kind}{job.progress?.total ? ` · ${Math.round((100 * job.progress.done) / job.progress.total)} %` : ""}</li>
            ))}
          </ul>
        )}
      </OverviewCard>
      <OverviewCard title="Latest exports" more={{ href: "/exports", label: "all exports" }}>
        {exports.length === 0 ? (
          <p className="text-slate-500">No export yet.</p>
        ) : (
          <ul className="space-y-1">
            {exports.map((entry) => (
              <li key={entry.id}>
                <Link href={`/exports/${entry.id}`} className="text-indigo-700 hover:underline">
                  #{entry.id} {entry.recipeName ?? "unnamed recipe"} · <span data-testid="overview-number">{entry.totalItems.toLocaleString("en")}</span> samples
                </Link>{" "}
                <span className="text-xs text-slate-500">{entry.state}</span>
              </li>
            ))}
          </ul>
        )}
      </OverviewCard>
    </div>
  );
}

function EmptyState({ canImport }: { canImport: boolean }) {
  if (!canImport) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <h2 className="text-lg font-medium">No datasets yet</h2>
        <p className="mt-2 text-sm text-slate-600">An admin of your team imports trajectory files; they will appear here.</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="text-lg font-medium">No datasets yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        Import trajectories collected from your agents: AgentInstruct / AgentGym / ShareGPT conversations (JSONL, JSON or
        parquet), OpenAI messages, AgentBench runs or FireAct files. Upload one on the{" "}
        <Link href="/import" className="text-indigo-600 underline">import page</Link>, or from a terminal:
      </p>
      <pre className="mx-auto mt-4 inline-block rounded bg-slate-900 px-4 py-2 text-left font-mono text-sm text-slate-100">
        npm run cli -- import path/to/trajectories.jsonl --as you@lab.org
      </pre>
    </div>
  );
}
