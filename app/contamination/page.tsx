import type { Metadata } from "next";
import Link from "next/link";
import { RunForm } from "@/components/contamination/run-form";
import { RunProgress } from "@/components/contamination/run-progress";
import { TestSetUpload } from "@/components/contamination/testset-upload";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { datasetsSummary, paramsSummary } from "@/lib/contamination/params";
import { listRuns } from "@/lib/contamination/run";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { checkAsJob } from "@/lib/job-kinds/check-job";
import { listTestSets } from "@/lib/testsets/import";
import { MethodLink } from "@/components/ui/method-link";

export const metadata: Metadata = { title: "Contamination" };
export const dynamic = "force-dynamic";

export default async function ContaminationPage() {
  const actor = await requirePageActor();
  const [testSets, runs, datasets] = await Promise.all([listTestSets(actor), listRuns(actor), listDatasets(actor)]);
  // Checks under way are followed as jobs (the others show their own record).
  const jobs = new Map(await Promise.all(runs.filter((r) => r.state === "running" || r.state === "queued").map(async (r) => [r.id, await checkAsJob(actor, r.id)] as const)));
  const canImport = actorCan(actor, "datasets:import");
  const canRun = actorCan(actor, "review:write");
  return (
    <div className="space-y-8">
      <div className="max-w-4xl">
        <h1 className="text-2xl font-semibold tracking-tight">Contamination</h1>
        <p className="mt-1 text-sm text-slate-600">
          A token of a test item is contaminated when it lies in a 10-gram that also occurs in the training text; an item is clean below 20 % and
          dirty above 80 % (<MethodLink section={5} />). N-grams shared by many test items are task template, not leakage: they are listed and left out.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {canImport && <TestSetUpload />}
        {canRun && (
          <RunForm
            testSets={testSets.map((s) => ({ id: s.id, name: s.name, itemCount: s.itemCount }))}
            datasets={datasets.map((d) => ({ id: d.id, name: d.name, kind: d.kind, trajectoryCount: d.trajectoryCount })).sort((a, b) => a.id - b.id)}
          />
        )}
      </div>
      <section>
        <h2 className="text-lg font-medium">Test sets</h2>
        <table className="mt-2 w-full max-w-4xl text-sm" data-testid="testsets">
          <thead className="text-left text-slate-500">
            <tr><th className="py-1">Name</th><th>Task</th><th>Items</th><th>Text from</th><th>File (sha256)</th></tr>
          </thead>
          <tbody>
            {testSets.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-1 font-medium">{s.name}</td>
                <td>{s.task}</td>
                <td className="tabular-nums">{s.itemCount}</td>
                <td><code>{s.fields.join(" + ")}</code></td>
                <td className="text-slate-500">{s.fileName} <code title={s.sha256}>{s.sha256.slice(0, 10)}</code></td>
              </tr>
            ))}
            {testSets.length === 0 && <tr><td colSpan={5} className="py-2 text-slate-500">No test set yet.</td></tr>}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-medium">Runs</h2>
        <ul className="mt-2 space-y-3" data-testid="runs">
          {runs.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link href={`/contamination/runs/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                Run {r.id}: {r.testSetName}
              </Link>{" "}
              <span className="text-sm text-slate-500">
                {paramsSummary(r.params)} · against {datasetsSummary(r.params)} · {r.createdAt.toISOString().slice(0, 16).replace("T", " ")}
              </span>
              <RunProgress runId={r.id} initial={r} job={jobs.get(r.id) ?? null} canCancel={canRun} />
            </li>
          ))}
          {runs.length === 0 && <li className="text-sm text-slate-500">No check has run yet.</li>}
        </ul>
      </section>
    </div>
  );
}
