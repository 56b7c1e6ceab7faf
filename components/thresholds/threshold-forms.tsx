"use client";

import { useActionState, useState } from "react";
import { Feedback } from "@/components/ui/feedback";
import type { TFormAction } from "@/lib/actions/state";
import type { TCurvePoint } from "@/lib/thresholds/curve";
import { mixWhatIf } from "@/lib/thresholds/mix";
import { formatThreshold, parseThresholdValue } from "@/lib/thresholds/value";
import { formatDelta, formatShare, keptFromCurve } from "./numbers";

/** The page's server actions, passed down to its forms. */
export type TThresholdActions = { propose: TFormAction; comment: TFormAction; apply: TFormAction; decline: TFormAction; set: TFormAction };

const EMPTY = { error: null };
const BUTTON = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";

type TPreviewProps = {
  task: string;
  points: TCurvePoint[];
  total: number;
  passingNow: number;
  passingByTask: Record<string, number>;
  recipe: Readonly<Record<string, number>>;
};

/** Before proposing: what the typed value keeps, from the curve already on the page. */
function Preview({ value, task, points, total, passingNow, passingByTask, recipe }: TPreviewProps & { value: string }) {
  const threshold = parseThresholdValue(value);
  if (value.trim() === "") return null;
  if (threshold === null) return <p className="text-xs text-rose-700">A number from 0 to 1, or a fraction like 2/3.</p>;
  const kept = keptFromCurve(points, threshold);
  if (!kept) return null;
  const figure = kept.exact ? kept.low.toLocaleString("en") : `${kept.low.toLocaleString("en")}–${kept.high.toLocaleString("en")}`;
  const whatIf = kept.exact ? mixWhatIf(passingByTask, { ...passingByTask, [task]: kept.low }, recipe) : null;
  const share = recipe[task];
  const row = whatIf?.rows.find((entry) => entry.task === task);
  return (
    <p className="text-xs text-slate-600" data-testid="proposal-preview">
      At {formatThreshold(threshold)}: <b className="tabular-nums text-slate-900">{figure}</b> kept
      {total > 0 && kept.exact ? ` (${formatShare(kept.low / total)})` : ""}
      {kept.exact && <>, {formatDelta(kept.low - passingNow)} vs now</>}
      {!kept.exact && " (exact once proposed)"}
      {row && share !== undefined && whatIf && whatIf.capacityBefore.size > 0 && (
        <> · share in the mix {formatShare(row.effectiveBefore)} → {formatShare(row.effectiveAfter)} (recipe {formatShare(share)})</>
      )}
    </p>
  );
}

export function ProposeForm({ action: propose, ...props }: TPreviewProps & { current: number; action: TFormAction }) {
  const [state, action, pending] = useActionState(propose, EMPTY);
  const [value, setValue] = useState("");
  return (
    <form action={action} className="space-y-2 text-sm" aria-label={`Propose a threshold for ${props.task}`}>
      <input type="hidden" name="task" value={props.task} />
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          <span className="font-medium text-slate-700">New threshold</span>
          <input
            name="value"
            required
            inputMode="decimal"
            placeholder={formatThreshold(props.current)}
            aria-label={`Proposed threshold for ${props.task}`}
            className="input w-24"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <span className="text-xs text-slate-500">0 to 1, or a fraction like 2/3</span>
      </div>
      <Preview {...props} value={value} />
      <textarea
        name="reason"
        required
        rows={2}
        maxLength={2000}
        placeholder="Why: what you looked at, what it trades"
        aria-label={`Reason for the ${props.task} proposal`}
        className="input"
      />
      <Feedback state={state} />
      <button type="submit" disabled={pending} className={`${BUTTON} bg-indigo-600 text-white hover:bg-indigo-500`}>Propose</button>
    </form>
  );
}

export function CommentForm({ proposalId, action: comment }: { proposalId: number; action: TFormAction }) {
  const [state, action, pending] = useActionState(comment, EMPTY);
  return (
    <form action={action} className="space-y-2 text-sm">
      <input type="hidden" name="proposalId" value={proposalId} />
      <div className="flex gap-2">
        <input name="body" required maxLength={4000} placeholder="Add a comment" aria-label={`Comment on proposal ${proposalId}`} className="input" />
        <button type="submit" disabled={pending} className={`${BUTTON} border border-slate-300 bg-white hover:bg-slate-50`}>Comment</button>
      </div>
      <Feedback state={state} />
    </form>
  );
}

/** Admins: apply (optional note) or decline (note required) an open proposal. */
export function DecideForm({ proposalId, version, label, actions }: { proposalId: number; version: number; label: string; actions: Pick<TThresholdActions, "apply" | "decline"> }) {
  const [applyState, apply, applying] = useActionState(actions.apply, EMPTY);
  const [declineState, decline, declining] = useActionState(actions.decline, EMPTY);
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Decide (admins)</p>
      <form action={apply} className="flex gap-2">
        <input type="hidden" name="proposalId" value={proposalId} />
        <input type="hidden" name="version" value={version} />
        <input name="note" maxLength={2000} placeholder="Note (optional)" aria-label={`Note to apply proposal ${proposalId}`} className="input" />
        <button type="submit" disabled={applying} className={`${BUTTON} whitespace-nowrap bg-emerald-700 text-white hover:bg-emerald-600`}>Apply {label}</button>
      </form>
      <form action={decline} className="flex gap-2">
        <input type="hidden" name="proposalId" value={proposalId} />
        <input name="note" required maxLength={2000} placeholder="Why decline" aria-label={`Reason to decline proposal ${proposalId}`} className="input" />
        <button type="submit" disabled={declining} className={`${BUTTON} whitespace-nowrap border border-rose-300 bg-white text-rose-700 hover:bg-rose-50`}>Decline</button>
      </form>
      <Feedback state={applyState.error || applyState.message ? applyState : declineState} />
    </div>
  );
}

/** Admins: set a task's threshold directly, with a reason. */
export function SetThresholdForm({ task, version, action: set }: { task: string; version: number; action: TFormAction }) {
  const [state, action, pending] = useActionState(set, EMPTY);
  return (
    <form action={action} className="space-y-2 text-sm">
      <input type="hidden" name="task" value={task} />
      <input type="hidden" name="version" value={version} />
      <div className="flex gap-2">
        <input name="value" required placeholder="e.g. 0.8" aria-label={`New threshold for ${task}`} className="input w-24" />
        <input name="reason" required maxLength={2000} placeholder="Why" aria-label={`Reason to set the ${task} threshold`} className="input" />
        <button type="submit" disabled={pending} className={`${BUTTON} whitespace-nowrap bg-slate-800 text-white`}>Set</button>
      </div>
      <Feedback state={state} />
    </form>
  );
}

/** Admins: how trajectories without a reward are treated, and the threshold of tasks without their own. */
type TSettingsProps = { noRewardTreatment: "pass" | "exclude"; defaultForOtherTasks: number; action: TFormAction };

export function ThresholdSettingsForm({ noRewardTreatment, defaultForOtherTasks, action: save }: TSettingsProps) {
  const [state, action, pending] = useActionState(save, EMPTY);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 text-sm">
      <label className="block">
        <span className="block text-xs font-medium text-slate-600">Trajectories without a reward</span>
        <select name="noRewardTreatment" defaultValue={noRewardTreatment} aria-label="Trajectories without a reward" className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
          <option value="pass">keep them, as passing</option>
          <option value="exclude">exclude them</option>
        </select>
      </label>
      <label className="block">
        <span className="block text-xs font-medium text-slate-600">Threshold of other tasks</span>
        <input name="defaultForOtherTasks" defaultValue={formatThreshold(defaultForOtherTasks)} aria-label="Threshold of other tasks" className="input mt-1 w-24" />
      </label>
      <button type="submit" disabled={pending} className={`${BUTTON} bg-slate-800 text-white`}>Save</button>
      <div className="basis-full"><Feedback state={state} /></div>
    </form>
  );
}
