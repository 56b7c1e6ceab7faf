import type { TCurvePoint } from "@/lib/thresholds/curve";
import { formatThreshold } from "@/lib/thresholds/value";
import { CopyButton } from "@/components/ui/copy-button";
import { formatShare } from "./numbers";

type TProps = { task: string; points: TCurvePoint[]; marks: { value: number; label: string }[] };

const near = (a: number, b: number) => Math.abs(a - b) < 1e-12;

/**
 * The chart as a table: every 0.05 and the marked thresholds on screen; the
 * copy button gives all points (every 0.01) as tab-separated text.
 */
export function CurveTable({ task, points, marks }: TProps) {
  const shown = points.filter((point) => Math.abs(point.threshold * 20 - Math.round(point.threshold * 20)) < 1e-9 || marks.some((mark) => near(mark.value, point.threshold)));
  const tsv = [
    "threshold\tkept\tkept_share\taccepted_kept\taccepted_share",
    ...points.map((point) => [point.threshold, point.kept, point.keptShare.toFixed(4), point.accepted, point.acceptedShare.toFixed(4)].join("\t")),
  ].join("\n");
  return (
    <details className="group rounded-md border border-slate-200" data-testid={`curve-table-${task}`}>
      <summary className="flex cursor-pointer items-center justify-between px-3 py-1.5 text-xs text-slate-600 hover:bg-slate-50">
        <span>The curve as a table</span>
        <span className="text-slate-500 group-open:hidden">show</span>
      </summary>
      <div className="border-t border-slate-200 px-3 py-2">
        <div className="mb-2 flex items-center justify-between gap-2 text-xs text-slate-500">
          <span>Every 0.05, plus the marked thresholds. A reward equal to the threshold passes.</span>
          <CopyButton text={tsv} label="Copy all 101+ points (TSV)" />
        </div>
        <div className="max-h-72 overflow-y-auto">
          <table className="w-full text-right text-xs tabular-nums" aria-label={`Retention of ${task} by threshold`}>
            <thead className="sticky top-0 bg-white text-[11px] uppercase text-slate-500">
              <tr>
                <th className="py-1 text-left font-medium">Threshold</th>
                <th className="font-medium">Kept</th>
                <th className="font-medium">Share</th>
                <th className="font-medium">Accepted kept</th>
                <th className="font-medium">Of accepted</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((point) => {
                const mark = marks.find((entry) => near(entry.value, point.threshold));
                return (
                  <tr key={point.threshold} className={mark ? "bg-amber-50 font-medium" : ""}>
                    <td className="py-0.5 text-left">
                      ≥ {formatThreshold(point.threshold)}
                      {mark && <span className="ml-1.5 text-[10px] uppercase text-amber-800">{mark.label}</span>}
                    </td>
                    <td>{point.kept.toLocaleString("en")}{point.exact ? "" : "+"}</td>
                    <td>{formatShare(point.keptShare)}</td>
                    <td>{point.accepted.toLocaleString("en")}</td>
                    <td>{formatShare(point.acceptedShare)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </details>
  );
}
