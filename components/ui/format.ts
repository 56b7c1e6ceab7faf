/** Display helpers shared by tables and the replay. */

export function formatReward(reward: number | null): string {
  if (reward === null) return "—";
  return Number.isInteger(reward) ? reward.toFixed(0) : reward.toFixed(2);
}

export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

export function formatDateTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export const STATUS_STYLES: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  accepted: "bg-emerald-100 text-emerald-800",
  rejected: "bg-rose-100 text-rose-800",
};

export const CONTAMINATION_STYLES: Record<string, string> = {
  clean: "bg-emerald-50 text-emerald-800",
  neither: "bg-amber-100 text-amber-800",
  dirty: "bg-rose-100 text-rose-800",
};
