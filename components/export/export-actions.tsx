"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api-client";
import type { TExport } from "@/lib/export/exports";

/** Re-run (a new export with the same recipe) and delete (after a confirm); for reviewers and admins only. */
export function ExportActions({ exportId, afterDelete }: { exportId: number; afterDelete: "refresh" | "list" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function rerun() {
    setBusy(true);
    const answer = await callApi<TExport>(`/api/v1/exports/${exportId}/rerun`, "POST");
    setBusy(false);
    if (!answer.ok) return setMessage(answer.message);
    router.push(`/exports/${answer.data.id}`);
  }

  async function remove() {
    if (!window.confirm(`Delete export ${exportId} and its files? This cannot be undone.`)) return;
    setBusy(true);
    const answer = await callApi<null>(`/api/v1/exports/${exportId}`, "DELETE");
    setBusy(false);
    if (!answer.ok) return setMessage(answer.message);
    if (afterDelete === "list") router.push("/exports");
    router.refresh();
  }

  const button = "rounded border px-2 py-0.5 text-xs disabled:opacity-50";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" disabled={busy} onClick={rerun} className={`${button} border-slate-300 text-slate-700 hover:bg-slate-50`} aria-label={`Re-run export ${exportId}`}>
        Re-run
      </button>
      <button type="button" disabled={busy} onClick={remove} className={`${button} border-rose-200 text-rose-700 hover:bg-rose-50`} aria-label={`Delete export ${exportId}`}>
        Delete
      </button>
      {message && <span className="text-xs text-rose-700" role="alert">{message}</span>}
    </div>
  );
}
