import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { requirePageActor } from "@/lib/auth/next";

export const metadata: Metadata = { title: "Import" };

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requirePageActor("datasets:import");
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Import trajectories</h1>
        <p className="mt-1 text-sm text-slate-600">
          Each file becomes one dataset. The format is detected from the content; bad records are skipped and listed by line.
          Importing a file again never duplicates trajectories.
        </p>
      </div>
      <ImportForm />
      <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">Accepted formats</summary>
        <ul className="mt-3 list-disc space-y-1 pl-5">
          <li><b>AgentInstruct / AgentGym / ETO / NAT</b>: rows with <code>conversations</code> of <code>from</code>/<code>value</code>/<code>loss</code>, as JSONL, JSON array or parquet. Task from ids like <code>os_12</code>; reward from <code>reward</code>, <code>meta.reward</code> or <code>info.reward</code>.</li>
          <li><b>ShareGPT</b> general data: the same shape without loss flags, imported as a <i>general</i> dataset.</li>
          <li><b>OpenAI / TRL</b>: JSONL rows with <code>messages</code> of <code>role</code>/<code>content</code>.</li>
          <li><b>AgentBench v0.2</b> <code>runs.jsonl</code>: history of user/agent turns; reward from <code>output.result</code>, status kept.</li>
          <li><b>FireAct</b> trajectory files: an object keyed by index with <code>traj</code> and <code>reward</code>.</li>
          <li>A reward written in the last observation (<code>Episode finished, reward = True</code>) is picked up in any format.</li>
        </ul>
      </details>
    </div>
  );
}
