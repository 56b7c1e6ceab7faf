import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunProgress } from "@/components/contamination/run-progress";
import { TaskTable } from "@/components/contamination/task-table";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { datasetsSummary, paramsSummary } from "@/lib/contamination/params";
import { getRun, listRuns, type TRun } from "@/lib/contamination/run";
import { ITEM_LABELS, labelCounts, mostPopulatedLabel, reportItems, type TItemLabel } from "@/lib/contamination/report-items";
import { NotFoundError } from "@/lib/errors";
import { checkAsJob } from "@/lib/job-kinds/check-job";

export const metadata: Metadata = { title: "Contamination report" };
export const dynamic = "force-dynamic";

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const paramsText = (r: TRun) => paramsSummary(r.params);

export default async function RunReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ compare?: string; label?: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const query = await searchParams;
  let run: TRun;
  try {
    run = await getRun(actor, Number(id));
  } catch (error) {
    if (error instanceof NotFoundError || !/^\d+$/.test(id)) notFound();
    throw error;
  }
  const counts = await labelCounts(actor, run.id);
  // Without a choice, the most populated tab: an empty "dirty" tab says little.
  const tab: TItemLabel | "all" = query.label === "all" || (ITEM_LABELS as readonly string[]).includes(query.label ?? "") ? (query.label as TItemLabel | "all") : mostPopulatedLabel(counts);
  const total = counts.dirty + counts.neither + counts.clean;
  const [items, others] = await Promise.all([run.state === "finished" ? reportItems(actor, run.id, tab === "all" ? null : tab) : [], listRuns(actor)]);
  const job = run.state === "running" || run.state === "queued" ? await checkAsJob(actor, run.id) : null;
  const compare = query.compare ? await getRun(actor, Number(query.compare)).catch(() => null) : null;
  const comparable = others.filter((o) => o.id !== run.id && o.state === "finished");

  return (
    <div className="space-y-8">
      <div>
        <Link href="/contamination" className="text-sm text-indigo-700 hover:underline">← Contamination</Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Run {run.id}: {run.testSetName}</h1>
        <p className="text-sm text-slate-600" data-testid="run-params">{paramsText(run)}</p>
        <p className="text-sm text-slate-600" data-testid="run-datasets">Training datasets compared: {datasetsSummary(run.params)}</p>
        <div className="mt-2"><RunProgress runId={run.id} initial={run} job={job} canCancel={actorCan(actor, "review:write")} /></div>
      </div>

      {run.summary && (
        <>
          <section className="space-y-2">
            <div className="flex items-center gap-4">
              <h2 className="text-lg font-medium">Per task</h2>
              <a href={`/api/v1/contamination/runs/${run.id}/report?format=csv`} className="text-sm text-indigo-700 hover:underline">Download CSV</a>
              <a href={`/api/v1/contamination/runs/${run.id}/report?format=md`} className="text-sm text-indigo-700 hover:underline">Download Markdown</a>
            </div>
            <div className="flex flex-wrap gap-8">
              <TaskTable caption={`Run ${run.id}`} table={run.summary.table} testId="task-table" />
              {compare?.summary && <TaskTable caption={`Run ${compare.id}: ${paramsText(compare)}`} table={compare.summary.table} testId="compare-table" />}
            </div>
            {comparable.length > 0 && (
              <form className="text-sm">
                <label>
                  Compare with{" "}
                  <select name="compare" defaultValue={compare?.id ?? ""} className="rounded border border-slate-300 px-2 py-1">
                    <option value="">—</option>
                    {comparable.map((o) => <option key={o.id} value={o.id}>Run {o.id}: {o.testSetName} ({paramsText(o)})</option>)}
                  </select>
                </label>{" "}
                <button className="rounded border border-slate-300 px-2 py-1">Compare</button>
              </form>
            )}
          </section>

          <section>
            <h2 className="text-lg font-medium">Test items</h2>
            <nav className="mt-1 flex gap-3 text-sm" aria-label="Item labels">
              {[...ITEM_LABELS, "all" as const].map((l) => (
                <Link
                  key={l}
                  href={`?label=${l}${compare ? `&compare=${compare.id}` : ""}`}
                  aria-current={tab === l ? "page" : undefined}
                  className={tab === l ? "font-semibold" : "text-indigo-700 hover:underline"}
                >
                  {l} ({l === "all" ? total : counts[l]})
                </Link>
              ))}
            </nav>
            <table className="mt-2 w-full text-sm" data-testid="items">
              <thead className="text-left text-slate-500">
                <tr><th className="py-1">Item</th><th>Text</th><th>Task</th><th>Rate</th><th>Label</th><th>Contaminated / tokens</th><th>Training trajectories sharing its n-grams</th></tr>
              </thead>
              <tbody>
                {items.map((it) => (
                  <tr key={it.position} className="border-t border-slate-100 align-top" data-testid={`item-${it.externalId}`}>
                    <td className="py-1 pr-2 font-mono">{it.externalId}</td>
                    <td className="max-w-sm py-1 pr-3">
                      <div className="line-clamp-2 text-xs text-slate-700" title={it.text} data-testid="item-text">{it.text}</div>
                    </td>
                    <td>{it.task}</td>
                    <td className="tabular-nums">{pct(it.rate)}</td>
                    <td><span className={it.label === "dirty" ? "text-red-700" : it.label === "clean" ? "text-emerald-700" : "text-amber-700"}>{it.label}</span></td>
                    <td className="tabular-nums">{it.contaminated}/{it.tokens}</td>
                    <td>
                      <ul className="space-y-0.5 text-xs">
                        {it.trajectories.map((t) => (
                          <li key={t.id}>
                            <Link href={`/trajectories/${t.id}?contaminationRun=${run.id}`} className="text-indigo-700 hover:underline">
                              <span className="font-mono">{t.externalId}</span> · {t.dataset}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
                {items.length === 0 && <tr><td colSpan={7} className="py-2 text-slate-500">No item with this label.</td></tr>}
              </tbody>
            </table>
          </section>

          <section>
            <h2 className="text-lg font-medium">Excluded template n-grams ({run.summary.templateCount})</h2>
            <p className="text-sm text-slate-600">Occur in more than the chosen share of test items, so they count as task wording, not leakage{run.summary.templateCount > run.summary.templates.length ? ` (first ${run.summary.templates.length} shown)` : ""}.</p>
            <ul className="mt-2 max-h-72 overflow-auto text-sm" data-testid="templates">
              {run.summary.templates.map((t) => <li key={t.text}><code>{t.text}</code> <span className="text-slate-500">in {t.items} items</span></li>)}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
