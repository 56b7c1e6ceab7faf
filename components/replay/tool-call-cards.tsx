import type { TToolCall } from "@/lib/steps/types";
import { prettyArguments } from "@/lib/trajectories/tool-display";

type TProps = {
  calls: TToolCall[];
  /** How the calls were written: native (structured in the file) or a text syntax recognised in the turn. */
  syntax: string | null;
  /** Call id → index of the observation turn holding its result. */
  results: ReadonlyMap<string, number>;
};

/**
 * One step's tool calls, stacked (parallel calls stay in one step). Locked: a
 * reviewer rewrites the reasoning, never a call. Names, ids and arguments are
 * untrusted text and are only ever rendered as text nodes.
 */
export function ToolCallCards({ calls, syntax, results }: TProps) {
  return (
    <section aria-label="Tool calls">
      <h3 className="flex items-center gap-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        {calls.length === 1 ? "Tool call" : `${calls.length} parallel tool calls`}
        {syntax && syntax !== "native" && <span className="font-normal normal-case text-slate-500">written as {syntax} text</span>}
      </h3>
      <ol className="mt-1 space-y-2">
        {calls.map((call, position) => {
          const args = prettyArguments(call.arguments);
          const result = results.get(call.id);
          return (
            <li key={`${position}-${call.id}`} className="rounded border border-sky-200 bg-sky-50/60" data-testid="tool-call">
              <div className="flex flex-wrap items-center gap-2 border-b border-sky-100 px-3 py-1.5 text-xs">
                <span className="font-mono font-semibold text-sky-900" data-testid="tool-call-name">{call.name}</span>
                <span className="font-mono text-slate-500" title="call id">{call.id}</span>
                {!args.json && <span className="rounded bg-rose-100 px-1.5 py-0.5 text-rose-800">arguments are not valid JSON</span>}
                <span className="ml-auto">
                  {result === undefined ? (
                    <span className="text-amber-700" data-testid="tool-call-no-result">no result</span>
                  ) : (
                    <a href={`#turn-${result}`} className="text-indigo-700 underline" data-testid="tool-call-result-link">result: turn {result}</a>
                  )}
                </span>
              </div>
              <pre className="whitespace-pre-wrap break-words px-3 py-2 font-mono text-[12.5px] text-slate-800" data-testid="tool-call-arguments">{args.text}</pre>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
