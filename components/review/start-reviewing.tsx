"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { beginSwitch, describeKeys, endSwitch } from "@/components/replay/queue-switch";
import { callApi } from "@/components/ui/api-client";

/** Claims the first trajectory of the table's current filter and opens it in review mode. */
export function StartReviewing({ filterQuery }: { filterQuery: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  /** Keys typed while the first item opens apply to it (queue-switch); if nothing opens they are refused here. */
  function refuse(text: string) {
    const keys = endSwitch();
    setMessage(keys.length ? `${text} Not applied: ${describeKeys(keys)}.` : text);
  }
  async function start() {
    beginSwitch();
    const answer = await callApi<{ id: string } | null>("/api/v1/queue/next", "POST", { filter: filterQuery });
    if (!answer.ok) return refuse(answer.message);
    if (!answer.data) return refuse("Nothing to review here: every trajectory of this filter has its reviews (or is held by a teammate).");
    router.push(`/trajectories/${answer.data.id}?${filterQuery}${filterQuery ? "&" : ""}queue=1`);
  }
  return (
    <span className="flex items-center gap-2">
      {message && <span role="status" className="text-xs text-slate-600">{message}</span>}
      <button type="button" onClick={start} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
        Start reviewing
      </button>
    </span>
  );
}
