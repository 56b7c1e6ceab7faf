import { TIE_EPSILON } from "@/lib/thresholds/passes";
import { formatThreshold } from "@/lib/thresholds/value";

type TBar = { from: number; to: number; count: number; label: string };
type TProps = { task: string; bars: TBar[]; threshold: number; noReward: number; size?: "small" | "large" };

/**
 * The reward distribution: ten 0.1-wide bars and one for exactly 1. Bars at or
 * above the threshold are dark, those below grey, a bar the threshold cuts
 * light. Trajectories without a reward are a separate grey bar.
 */
export function RewardHistogram({ task, bars, threshold, noReward, size = "small" }: TProps) {
  const max = Math.max(1, ...bars.map((bar) => bar.count), noReward);
  const height = size === "small" ? "h-8" : "h-28";
  const description = bars.map((bar) => `${bar.label}: ${bar.count}`).join(", ") + (noReward ? `, no reward: ${noReward}` : "");
  return (
    <div className={size === "small" ? "w-40" : "w-full"} data-testid={size === "large" ? `histogram-${task}` : undefined}>
      <div className={`flex ${height} items-end gap-px`} role="img" aria-label={`Rewards of ${task}: ${description}`}>
        {bars.map((bar) => {
          // Bars are [from, to) but the last, which is exactly 1: a bar ending at the threshold fails whole.
          const side = bar.from >= threshold - TIE_EPSILON ? "pass" : bar.to <= threshold + TIE_EPSILON ? "fail" : "cut";
          const color = side === "pass" ? "bg-indigo-500" : side === "cut" ? "bg-indigo-300" : "bg-slate-300";
          return (
            <div
              key={bar.label}
              title={`reward ${bar.label}: ${bar.count.toLocaleString("en")}`}
              className={`flex-1 rounded-t-sm ${color} ${bar.from === 1 ? "ml-1" : ""}`}
              style={{ height: `${bar.count ? Math.max(4, (100 * bar.count) / max) : 0}%` }}
            />
          );
        })}
        {noReward > 0 && (
          <div
            title={`no reward: ${noReward.toLocaleString("en")}`}
            className="ml-1 w-2 flex-none rounded-t-sm bg-[repeating-linear-gradient(45deg,#cbd5e1_0,#cbd5e1_2px,#f1f5f9_2px,#f1f5f9_4px)]"
            style={{ height: `${Math.max(4, (100 * noReward) / max)}%` }}
          />
        )}
      </div>
      {size === "large" && (
        <div className="mt-1 flex justify-between text-[10px] tabular-nums text-slate-500">
          <span>0</span>
          <span>0.5</span>
          <span>1{noReward > 0 ? <span className="ml-2 text-slate-500">· none</span> : null}</span>
        </div>
      )}
      {size === "large" && (
        <p className="mt-1 text-[11px] text-slate-500">
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-indigo-500" /> at or above {formatThreshold(threshold)}
          <span className="ml-2 mr-1 inline-block h-2 w-2 rounded-sm bg-slate-300" /> below
        </p>
      )}
    </div>
  );
}
