import type { TCurvePoint } from "@/lib/thresholds/curve";

/** Display helpers of the thresholds page (client and server). */

/** "33 %", "5.8 %"; `digits` forces a precision (recipe shares read "28.8 %"). */
export function formatShare(share: number, digits?: number): string {
  if (share === 0) return "0 %";
  if (share === 1) return "100 %";
  return `${(share * 100).toFixed(digits ?? (share < 0.1 ? 1 : 0))} %`;
}

export function formatDelta(delta: number): string {
  if (delta === 0) return "±0";
  return `${delta > 0 ? "+" : "−"}${Math.abs(Math.round(delta)).toLocaleString("en")}`;
}

export function pointAt(points: readonly TCurvePoint[], x: number): TCurvePoint | null {
  return points.find((point) => Math.abs(point.threshold - x) < 1e-12) ?? null;
}

/**
 * Kept at any x, from the curve: exact at a curve point; otherwise between the
 * next grid points (the count can only fall as x rises).
 */
export function keptFromCurve(points: readonly TCurvePoint[], x: number): { low: number; high: number; exact: boolean } | null {
  const exact = pointAt(points, x);
  if (exact) return { low: exact.kept, high: exact.kept, exact: exact.exact };
  const above = points.find((point) => point.threshold > x);
  const below = [...points].reverse().find((point) => point.threshold < x);
  if (!above || !below) return null;
  return { low: above.kept, high: below.kept, exact: above.kept === below.kept };
}
