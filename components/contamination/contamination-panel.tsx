import Link from "next/link";
import type { TActor } from "@/lib/access/actor";
import { matchedSpans } from "@/lib/contamination/spans";
import { stripControlSequences } from "@/lib/steps/control";
import { getTurnText } from "@/lib/trajectories/get-trajectory";
import { MatchedSpans } from "./matched-spans";

/**
 * On the replay: the turns of this trajectory that share n-grams with a test set,
 * with the matched words highlighted (click one to read the test item), so a
 * reviewer can tell shared boilerplate from a leaked answer.
 */
export async function ContaminationPanel({ actor, trajectoryId, runId }: { actor: TActor; trajectoryId: string; runId?: number }) {
  const found = await matchedSpans(actor, trajectoryId, runId);
  if (!found || found.turns.length === 0) return null;
  const texts = await Promise.all(found.turns.map((turn) => getTurnText(actor, trajectoryId, turn.turnIndex)));
  return (
    <section aria-label="Contamination matches" className="rounded-lg border border-rose-200 bg-white p-4" data-testid="contamination-panel">
      <h2 className="text-sm font-medium text-rose-900">
        Shares n-grams with test set “{found.testSetName}”{" "}
        <Link href={`/contamination/runs/${found.runId}`} className="font-normal text-rose-700 underline">run #{found.runId}</Link>
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        Highlighted words lie in an n-gram that also occurs in a test item (template n-grams excluded). Click a highlight to read the test item.
      </p>
      <div className="mt-3 space-y-3">
        {found.turns.map((turn, position) => (
          <div key={turn.turnIndex}>
            <div className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">turn {turn.turnIndex}</div>
            {turn.spans.length > 0 && (
              <div className="mt-1 max-h-80 overflow-y-auto font-mono text-[12.5px] leading-relaxed">
                <MatchedSpans text={stripControlSequences(texts[position] ?? "")} spans={turn.spans} testItems={found.testItems} />
              </div>
            )}
            {turn.parts.map((part) => (
              <div key={`${part.part}-${part.callId ?? ""}`} className="mt-2" data-testid="contamination-part">
                <div className="text-[11px] text-slate-500">
                  {part.part === "reasoning" ? "reasoning" : `arguments of ${part.toolName ?? "call"} (${part.callId ?? ""})`}
                </div>
                <div className="mt-1 max-h-80 overflow-y-auto font-mono text-[12.5px] leading-relaxed">
                  <MatchedSpans text={stripControlSequences(part.text)} spans={part.spans} testItems={found.testItems} />
                </div>
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
