import Link from "next/link";
import { DatasetTable } from "@/components/datasets/dataset-table";
import { TaskTotals } from "@/components/datasets/task-totals";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { listDatasets, taskTotals } from "@/lib/datasets/list-datasets";
import { deleteDatasetAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await requirePageActor();
  const [datasets, totals] = await Promise.all([listDatasets(actor), taskTotals(actor)]);
  const canImport = actorCan(actor, "datasets:import");
  const trajectories = totals.reduce((sum, row) => sum + row.count, 0);

  return (
    <div className="space-y-8">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
          <p className="mt-1 text-sm text-slate-600">
            {datasets.length} datasets · {trajectories.toLocaleString("en")} trajectories · {totals.length} tasks
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
          <TaskTotals totals={totals} />
          <DatasetTable datasets={datasets} deleteAction={actorCan(actor, "datasets:delete") ? deleteDatasetAction : undefined} />
        </>
      )}
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
