/** Whether the model is trained on this turn, as imported (AgentInstruct's loss flag). */
export function LossMarker({ loss, role }: { loss: boolean | null; role: string }) {
  if (loss === true) return <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-[11px] font-medium text-indigo-800" title="loss: true — the model is trained on this turn">trained</span>;
  if (loss === false) return <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600" title="loss: false — in the context, not trained on">not trained</span>;
  // Environment and user turns are never trained on; a missing flag only matters on assistant turns.
  if (role !== "assistant") return null;
  return <span className="rounded px-1.5 py-0.5 text-[11px] text-slate-500" title="the file sets no loss flag on this turn">no loss flag</span>;
}
