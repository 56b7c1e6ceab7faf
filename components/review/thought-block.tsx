"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { formatDateTime } from "@/components/ui/format";
import { InfoIcon } from "@/components/ui/info-icon";
import type { TUngroundedSpan } from "@/lib/review/grounding";
import type { TRevision } from "@/lib/review/thoughts";
import { ThoughtDiff } from "./thought-diff";

type TProps = {
  turnId: string;
  original: string | null;
  current: string | null;
  version: number;
  hints: TUngroundedSpan[];
  critical: boolean;
  canEdit: boolean;
};

/**
 * A step's thought: grounding hints, rewrite in place (the action and the
 * observation stay locked), diff against the imported thought, history with
 * revert, and the critical-step mark.
 */
export function ThoughtBlock({ turnId, original, current, version, hints, critical, canEdit }: TProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(current ?? "");
  const [reason, setReason] = useState("");
  const [baseVersion, setBaseVersion] = useState(version);
  const [message, setMessage] = useState<string | null>(null);
  const [history, setHistory] = useState<TRevision[] | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = useRef<HTMLFormElement>(null);
  const text = current ?? "";

  // The whole editor (text, reason, buttons) in view, clear of the review bar (its scroll margins).
  useEffect(() => {
    if (editing) editor.current?.scrollIntoView({ block: "nearest", behavior: "instant" as ScrollBehavior });
  }, [editing]);
  const rewritten = version > 0 && current !== original;

  async function save(body: Record<string, unknown>) {
    setBusy(true);
    const answer = await callApi<{ version: number }>(`/api/v1/steps/${turnId}/thought-revisions`, "POST", body);
    setBusy(false);
    if (!answer.ok) {
      const newer = answer.current as { version: number; text: string | null } | undefined;
      if (answer.status === 409 && newer) {
        setMessage(`${answer.message}. Newer thought (revision ${newer.version}): “${newer.text ?? ""}”. Your draft is kept; saving now replaces the newer text.`);
        setBaseVersion(newer.version);
      } else setMessage(answer.message);
      return;
    }
    setMessage(null);
    setEditing(false);
    setHistory(null);
    router.refresh();
  }

  async function toggleHistory() {
    if (history) return setHistory(null);
    const answer = await callApi<{ data: TRevision[] }>(`/api/v1/steps/${turnId}/thought-revisions`, "GET");
    if (answer.ok) setHistory(answer.data.data);
    else setMessage(answer.message);
  }

  async function toggleCritical() {
    const answer = await callApi(`/api/v1/steps/${turnId}/critical`, "PUT", { critical: !critical });
    if (answer.ok) router.refresh();
    else setMessage(answer.message);
  }

  return (
    <section data-thought={turnId}>
      <h3 className="flex items-center gap-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        Thought
        {rewritten && <span className="rounded bg-violet-100 px-1.5 py-0.5 normal-case text-violet-800" data-testid="rewritten">rewritten · revision {version}</span>}
        {hints.length > 0 && !editing && (
          <span
            className="flex items-center gap-1 font-normal normal-case text-amber-800"
            data-testid="grounding-info"
            title="Highlighted numbers, quoted strings, paths, identifiers, URLs and names appear nowhere in the prompt, the task or the observations before this step. A hint for invented facts, not a verdict."
          >
            {hints.length} checkable token{hints.length > 1 ? "s" : ""} not seen by the agent <InfoIcon />
          </span>
        )}
        {canEdit && (
          <span className="ml-auto flex gap-3 font-normal normal-case">
            <button type="button" data-action="critical" onClick={toggleCritical} className={critical ? "text-violet-700 underline" : "underline"}>
              {critical ? "Critical ✓" : "Mark critical"}
            </button>
            {!editing && (
              <button type="button" data-action="edit" onClick={() => { setDraft(text); setBaseVersion(version); setEditing(true); }} className="underline">
                Edit thought (e)
              </button>
            )}
            {version > 0 && !editing && (
              <button type="button" data-action="undo" onClick={() => save({ revertTo: version - 1, version })} className="underline" title="restore the text before the last change, as a new revision">
                Undo last change (z)
              </button>
            )}
            {version > 0 && <button type="button" onClick={toggleHistory} className="underline">{history ? "Hide history" : "History"}</button>}
          </span>
        )}
      </h3>
      {editing ? (
        <form
          ref={editor}
          className="mt-1 scroll-mt-4 scroll-mb-56 space-y-2 lg:scroll-mb-4"
          onSubmit={(event) => {
            event.preventDefault();
            void save({ text: draft, reason, version: baseVersion });
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setEditing(false);
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.requestSubmit();
          }}
        >
          <textarea aria-label="New thought" autoFocus value={draft} onChange={(event) => setDraft(event.target.value)} rows={Math.min(12, Math.max(3, draft.split("\n").length + 1))} className="input font-sans" />
          <input aria-label="Reason for the change" value={reason} onChange={(event) => setReason(event.target.value)} placeholder="why (optional): e.g. the agent could not see the price" className="input" />
          <div className="flex gap-2 text-sm">
            <button type="submit" disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1 text-white disabled:opacity-50">Save revision (Ctrl+Enter)</button>
            <button type="button" onClick={() => setEditing(false)} className="rounded-md border border-slate-300 px-3 py-1">Cancel (Esc)</button>
          </div>
        </form>
      ) : text ? (
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800" data-testid="thought"><Highlighted text={text} spans={hints} /></p>
      ) : (
        <p className="mt-1 text-sm italic text-slate-500" data-testid="thought">no thought</p>
      )}
      {rewritten && !editing && original !== null && (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer">Diff against the imported thought</summary>
          <ThoughtDiff original={original} current={text} />
        </details>
      )}
      {message && <p role="alert" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="thought-message">{message}</p>}
      {history && (
        <ol className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3 text-xs" aria-label="Thought history">
          {history.map((revision) => (
            <li key={revision.version}>
              <b>revision {revision.version}</b> by {revision.author}, <time dateTime={String(revision.createdAt)}>{formatDateTime(String(revision.createdAt))}</time>
              {" — "}{revision.reason ? <span>reason: {revision.reason}</span> : <span className="text-slate-500">no reason given</span>}: “{revision.text}”
              {revision.version !== version && canEdit && (
                <button type="button" className="ml-2 underline" onClick={() => save({ revertTo: revision.version, version })}>revert to this</button>
              )}
            </li>
          ))}
          <li>
            <b>revision 0</b> (as imported): “{original ?? ""}”
            {canEdit && <button type="button" className="ml-2 underline" onClick={() => save({ revertTo: 0, version })}>revert to the original</button>}
          </li>
        </ol>
      )}
    </section>
  );
}

function Highlighted({ text, spans }: { text: string; spans: TUngroundedSpan[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start));
    parts.push(<mark key={span.start} className="rounded bg-amber-100 px-0.5 text-amber-900" data-testid="ungrounded">{text.slice(span.start, span.end)}</mark>);
    at = span.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
