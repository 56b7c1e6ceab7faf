import type { TActionState } from "@/lib/actions/state";

/** A server action's answer under its form: the error, or what succeeded. */
export function Feedback({ state }: { state: TActionState<{ message: string }> }) {
  if (state.error) return <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{state.error}</p>;
  if (state.message) return <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p>;
  return null;
}
