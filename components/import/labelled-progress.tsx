import { percentOf, ProgressBar } from "@/components/ui/progress-bar";

/** An upload or import step: its label and percent above a thick bar. */
export function LabelledProgress({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = percentOf(done, total, Math.round);
  return (
    <div className="space-y-1" role="status">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span className="tabular-nums">{percent}%</span>
      </div>
      <ProgressBar percent={percent} label={label} size="thick" />
    </div>
  );
}
