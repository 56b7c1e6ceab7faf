/** The share of `done` in `total` as a whole percent, 0 to 100 (0 while the total is unknown). */
export function percentOf(done: number, total: number, round: (value: number) => number = Math.floor): number {
  return total > 0 ? Math.max(0, Math.min(100, round((100 * done) / total))) : 0;
}

type TProps = {
  /** 0 to 100; values outside are clamped. */
  percent: number;
  /** The accessible name; leave it out only where the percent is written beside the bar. */
  label?: string;
  /** `thick` is the taller bar of uploads; the default is the slim bar of running jobs. */
  size?: "slim" | "thick";
  /** Width classes (the bar fills its container otherwise). */
  className?: string;
};

/** A plain progress bar: the caller polls and writes the counts; this only draws. */
export function ProgressBar({ percent, label, size = "slim", className = "" }: TProps) {
  const value = Math.max(0, Math.min(100, percent));
  const height = size === "thick" ? "h-2" : "h-1.5";
  return (
    <div
      className={`${height} rounded bg-slate-100 ${className}`.trim()}
      role="progressbar"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className={`${height} rounded bg-indigo-500 transition-all`} style={{ width: `${value}%` }} />
    </div>
  );
}
