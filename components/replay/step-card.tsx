import { ThoughtBlock } from "@/components/review/thought-block";
import type { TUngroundedSpan } from "@/lib/review/grounding";
import type { TTurnDetail } from "@/lib/trajectories/get-trajectory";
import { toolCallsOf } from "@/lib/trajectories/tool-display";
import { LossMarker } from "./loss-marker";
import { ToolCallCards } from "./tool-call-cards";
import { TurnText } from "./turn-text";

const KIND_LABELS: Record<string, string> = {
  bash: "bash", sql: "SQL", answer: "answer", finish: "finish", search: "search", click: "click",
  tool: "tool call", tool_call: "tool call", element: "element choice", game: "game action", think: "think", lookup: "lookup",
};

type TProps = {
  trajectoryId: string;
  step: number;
  turn: TTurnDetail;
  /** The observations that follow the step: one for ReAct, one per result for parallel tool calls. */
  observations: TTurnDetail[];
  /** Tool-calling data: call id → index of the observation turn holding its result. */
  results: ReadonlyMap<string, number>;
  hints: TUngroundedSpan[];
  canEdit: boolean;
};

/** One assistant step: its thought (or reasoning) and action (or tool calls) apart, then the observations it produced. */
export function StepCard({ trajectoryId, step, turn, observations, results, hints, canEdit }: TProps) {
  const calls = toolCallsOf(turn.toolCalls);
  return (
    <article
      id={`step-${step}`}
      data-step={step}
      tabIndex={-1}
      aria-label={`Step ${step}`}
      className={`scroll-mt-4 scroll-mb-56 rounded-lg border bg-white outline-none focus:ring-2 focus:ring-indigo-500 lg:scroll-mb-4 ${turn.formatError ? "border-rose-300" : turn.inLoop ? "border-amber-300" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2 text-xs">
        <span className="font-semibold text-slate-800">Step {step}</span>
        <span className="text-slate-500">turn {turn.index}</span>
        {turn.actionKind && <span className="rounded bg-sky-100 px-1.5 py-0.5 font-medium text-sky-800">{KIND_LABELS[turn.actionKind] ?? turn.actionKind}</span>}
        {turn.isCritical && <span className="rounded bg-violet-100 px-1.5 py-0.5 text-violet-800">critical</span>}
        <span className="ml-auto"><LossMarker loss={turn.loss} role={turn.role} /></span>
      </header>
      {turn.formatError && (
        <p className="border-b border-rose-100 bg-rose-50 px-4 py-1.5 text-xs text-rose-800" data-testid="format-error">
          Format error: {turn.formatError}
        </p>
      )}
      {turn.inLoop && (
        <p className="border-b border-amber-100 bg-amber-50 px-4 py-1.5 text-xs text-amber-900" data-testid="loop-flag">
          Loop: the same action is repeated three or more times in a row here.
        </p>
      )}
      <div className="space-y-3 px-4 py-3">
        <ThoughtBlock
          turnId={turn.id}
          original={turn.thought}
          current={turn.currentThought ?? turn.thought}
          version={turn.thoughtVersion}
          hints={hints}
          critical={turn.isCritical}
          canEdit={canEdit}
        />
        {(calls.length === 0 || turn.action) && (
          <section>
            <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{calls.length > 0 ? "Message" : "Action"}</h3>
            <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-900 px-3 py-2 font-mono text-[12.5px] text-slate-100" data-testid="action">
              {turn.action ?? "(no action parsed)"}
            </pre>
          </section>
        )}
        {/* The message comes first, as the assistant wrote it before its calls. */}
        {calls.length > 0 && <ToolCallCards calls={calls} syntax={turn.callSyntax} results={results} />}
        <details className="text-xs text-slate-500">
          <summary className="cursor-pointer">Step as written</summary>
          <div className="mt-1">
            <TurnText trajectoryId={trajectoryId} index={turn.index} rawText={turn.rawText} rawBytes={turn.rawBytes} truncated={turn.truncated} />
          </div>
        </details>
      </div>
      {observations.map((observation) => (
        <section
          key={observation.index}
          id={`turn-${observation.index}`}
          className="scroll-mt-32 border-t border-slate-100 bg-slate-50 px-4 py-3 target:bg-amber-50"
          aria-label={`Observation after step ${step}`}
        >
          <h3 className="flex items-center text-[11px] font-semibold uppercase tracking-wide text-slate-500">
            {observation.toolCallIds.length > 0 ? "Tool result" : "Observation"} <span className="ml-2 font-normal normal-case text-slate-500">turn {observation.index}</span>
            {observation.toolCallIds.length > 0 && (
              <span className="ml-2 font-mono font-normal normal-case text-slate-500" data-testid="answers-calls">for {observation.toolCallIds.join(", ")}</span>
            )}
            <span className="ml-auto"><LossMarker loss={observation.loss} role={observation.role} /></span>
          </h3>
          <div className="mt-1">
            <TurnText trajectoryId={trajectoryId} index={observation.index} rawText={observation.rawText} rawBytes={observation.rawBytes} truncated={observation.truncated} />
          </div>
        </section>
      ))}
    </article>
  );
}
