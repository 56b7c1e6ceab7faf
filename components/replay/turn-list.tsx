import type { TUngroundedSpan } from "@/lib/review/grounding";
import type { TTrajectoryDetail, TTurnDetail } from "@/lib/trajectories/get-trajectory";
import { resultTurnByCallId } from "@/lib/trajectories/tool-display";
import { LossMarker } from "./loss-marker";
import { StepCard } from "./step-card";
import { TurnText } from "./turn-text";

type TBlock =
  | { kind: "step"; step: number; turn: TTurnDetail; observations: TTurnDetail[] }
  | { kind: "turn"; turn: TTurnDetail };

/** Steps pair each assistant turn with the observation that follows it (all that follow, for parallel tool calls). */
function blocksAfterPrefix(turns: TTurnDetail[]): TBlock[] {
  const blocks: TBlock[] = [];
  let step = 0;
  for (let position = 0; position < turns.length; position += 1) {
    const turn = turns[position]!;
    if (turn.role !== "assistant") {
      blocks.push({ kind: "turn", turn });
      continue;
    }
    const observations: TTurnDetail[] = [];
    const manyResults = Array.isArray(turn.toolCalls) && turn.toolCalls.length > 1;
    while (turns[position + 1]?.role === "observation" && (observations.length === 0 || manyResults)) {
      position += 1;
      observations.push(turns[position]!);
    }
    step += 1;
    blocks.push({ kind: "step", step, turn, observations });
  }
  return blocks;
}

type TProps = { trajectory: TTrajectoryDetail; hints: Record<number, TUngroundedSpan[]>; canEdit: boolean };

export function TurnList({ trajectory, hints, canEdit }: TProps) {
  const prefix = trajectory.turns.filter((turn) => turn.isPrefix);
  const rest = trajectory.turns.filter((turn) => !turn.isPrefix);
  const results = resultTurnByCallId(trajectory.turns);
  return (
    <div className="space-y-3">
      {prefix.length > 0 && (
        <details id="prefix" className="rounded-lg border border-slate-200 bg-white" data-testid="prefix">
          <summary className="cursor-pointer select-none px-4 py-2 text-sm text-slate-600">
            Task prompt and worked example <span className="text-slate-500">({prefix.length} turns, shared by every trajectory of the task; press p)</span>
          </summary>
          <div className="space-y-2 border-t border-slate-100 px-4 py-3">
            {prefix.map((turn) => <PlainTurn key={turn.index} trajectoryId={trajectory.id} turn={turn} />)}
          </div>
        </details>
      )}
      {blocksAfterPrefix(rest).map((block) =>
        block.kind === "step" ? (
          <StepCard
            key={block.turn.index}
            trajectoryId={trajectory.id}
            step={block.step}
            turn={block.turn}
            observations={block.observations}
            results={results}
            hints={hints[block.turn.index] ?? []}
            canEdit={canEdit}
          />
        ) : block.turn.isTaskTurn ? (
          <section key={block.turn.index} className="rounded-lg border-2 border-indigo-300 bg-indigo-50/60 px-4 py-3" aria-label="Task" data-testid="task-turn">
            <h2 className="flex items-center text-xs font-semibold uppercase tracking-wide text-indigo-700">
              Task <span className="ml-2 font-normal normal-case text-indigo-700">turn {block.turn.index}</span>
              <span className="ml-auto"><LossMarker loss={block.turn.loss} role={block.turn.role} /></span>
            </h2>
            <div className="mt-1">
              <TurnText trajectoryId={trajectory.id} index={block.turn.index} rawText={block.turn.rawText} rawBytes={block.turn.rawBytes} truncated={block.turn.truncated} previewLines={40} />
            </div>
          </section>
        ) : (
          <div key={block.turn.index} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
            <PlainTurn trajectoryId={trajectory.id} turn={block.turn} />
          </div>
        ),
      )}
      {trajectory.turns.length === 0 && <p className="text-sm text-slate-500">This trajectory has no turns.</p>}
    </div>
  );
}

function PlainTurn({ trajectoryId, turn }: { trajectoryId: string; turn: TTurnDetail }) {
  const label = turn.role === "assistant" ? "assistant (example)" : turn.role;
  return (
    <div>
      <div className="flex items-center text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        {label} <span className="ml-2 font-normal normal-case text-slate-500">turn {turn.index}</span>
        <span className="ml-auto"><LossMarker loss={turn.loss} role={turn.role} /></span>
      </div>
      <div className="mt-1">
        <TurnText trajectoryId={trajectoryId} index={turn.index} rawText={turn.rawText} rawBytes={turn.rawBytes} truncated={turn.truncated} />
      </div>
    </div>
  );
}
