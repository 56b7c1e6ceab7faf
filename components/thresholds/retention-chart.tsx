"use client";

import {
  CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from "recharts";
import type { TCurvePoint } from "@/lib/thresholds/curve";
import { formatThreshold } from "@/lib/thresholds/value";
import { formatShare, pointAt } from "./numbers";

type TMarker = { value: number; label: string; kind: "current" | "proposed" };
type TProps = { task: string; points: TCurvePoint[]; total: number; markers: TMarker[] };

const TICKS = Array.from({ length: 11 }, (_, index) => index / 10);
const COLORS = { kept: "#4f46e5", accepted: "#059669", current: "#0f172a", proposed: "#d97706" };

/**
 * Trajectories kept as a function of the threshold: a step curve (a reward
 * exactly at the threshold passes, so the count drops just after each reward
 * value), all trajectories and accepted ones, with the current and proposed
 * thresholds marked. The same numbers are in the table below it.
 */
export function RetentionChart({ task, points, total, markers }: TProps) {
  const current = markers.find((marker) => marker.kind === "current");
  const atCurrent = current ? pointAt(points, current.value) : null;
  const summary = atCurrent
    ? `Retention curve of ${task}: at the current threshold ${formatThreshold(current!.value)}, ${atCurrent.kept} of ${total} kept (${formatShare(atCurrent.keptShare)}).`
    : `Retention curve of ${task}.`;
  return (
    <figure role="img" aria-label={summary} className="h-64 w-full select-none" data-testid={`chart-${task}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 22, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="threshold"
            type="number"
            domain={[0, 1]}
            ticks={TICKS}
            tickFormatter={(value: number) => String(value)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            stroke="#cbd5e1"
          />
          <YAxis
            yAxisId="count"
            domain={[0, Math.max(1, total)]}
            allowDecimals={false}
            width={44}
            tick={{ fontSize: 11, fill: "#64748b" }}
            stroke="#cbd5e1"
          />
          <YAxis
            yAxisId="share"
            orientation="right"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(value: number) => `${Math.round(value * 100)}%`}
            width={40}
            tick={{ fontSize: 11, fill: "#94a3b8" }}
            stroke="#cbd5e1"
          />
          <Tooltip content={<CurveTooltip />} isAnimationActive={false} cursor={{ stroke: "#94a3b8", strokeDasharray: "2 2" }} />
          <Line yAxisId="count" type="stepBefore" dataKey="kept" name="All trajectories" stroke={COLORS.kept} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="count" type="stepBefore" dataKey="accepted" name="Accepted only" stroke={COLORS.accepted} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="share" type="stepBefore" dataKey="keptShare" stroke="transparent" dot={false} activeDot={false} legendType="none" isAnimationActive={false} />
          {markers.map((marker) => {
            const point = pointAt(points, marker.value);
            const color = COLORS[marker.kind];
            return [
              <ReferenceLine
                key={`${marker.kind}-${marker.value}-line`}
                yAxisId="count"
                x={marker.value}
                stroke={color}
                strokeWidth={marker.kind === "current" ? 1.5 : 1.5}
                strokeDasharray={marker.kind === "proposed" ? "5 4" : undefined}
                label={{
                  value: marker.label,
                  position: marker.value > 0.8 ? "insideTopRight" : "insideTopLeft",
                  fill: color,
                  fontSize: 11,
                  fontWeight: 600,
                  offset: 6,
                }}
              />,
              point ? (
                <ReferenceDot key={`${marker.kind}-${marker.value}-dot`} yAxisId="count" x={marker.value} y={point.kept} r={4} fill={color} stroke="white" strokeWidth={1.5} />
              ) : null,
            ];
          })}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Exact numbers under the pointer. */
function CurveTooltip(props: { active?: boolean; payload?: readonly { payload?: TCurvePoint }[] }) {
  const point = props.payload?.[0]?.payload;
  if (!props.active || !point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md" data-testid="chart-tooltip">
      <p className="font-medium text-slate-900">threshold {formatThreshold(point.threshold)}</p>
      <p className="mt-1 tabular-nums" style={{ color: COLORS.kept }}>
        kept {point.kept.toLocaleString("en")} ({formatShare(point.keptShare)}){point.exact ? "" : " or more"}
      </p>
      <p className="tabular-nums" style={{ color: COLORS.accepted }}>
        accepted {point.accepted.toLocaleString("en")} ({formatShare(point.acceptedShare)} of accepted)
      </p>
    </div>
  );
}
