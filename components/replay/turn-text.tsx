"use client";

import { useState } from "react";
import { callApi } from "@/components/ui/api-client";
import { readableText } from "@/lib/trajectories/readable-text";

type TProps = {
  trajectoryId: string;
  index: number;
  rawText: string;
  rawBytes: number;
  truncated: boolean;
  /** Lines shown before "show all" when the text is long. */
  previewLines?: number;
};

/**
 * A turn's text, always rendered as a text node: the readable view (control
 * bytes stripped, HTML and [SEP] dumps as text) or, toggled, the raw text.
 * Long texts are collapsed; texts cut by the server are fetched whole on demand.
 */
export function TurnText({ trajectoryId, index, rawText, rawBytes, truncated, previewLines = 16 }: TProps) {
  const [raw, setRaw] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [full, setFull] = useState<string | null>(truncated ? null : rawText);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const source = full ?? rawText;
  const readable = readableText(source);
  const shown = raw ? source : readable;
  const lines = shown.split("\n");
  const long = truncated || lines.length > previewLines || shown.length > 2400;
  const visible = !long || expanded ? shown : clip(shown, lines, previewLines);

  async function showAll() {
    setExpanded(true);
    if (full !== null) return;
    setLoading(true);
    const answer = await callApi<{ rawText: string }>(`/api/v1/trajectories/${trajectoryId}/turns/${index}`);
    setLoading(false);
    if (answer.ok) setFull(answer.data.rawText);
    else setError(`could not load the whole text: ${answer.message}`);
  }

  return (
    <div className="group/text">
      <pre className={`whitespace-pre-wrap break-words font-mono text-[12.5px] leading-relaxed ${raw ? "text-amber-900" : "text-slate-800"}`} data-testid="turn-text">
        {visible}
      </pre>
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-500">
        {long && !expanded && (
          <button type="button" className="underline" onClick={showAll}>
            Show all ({formatSize(rawBytes)})
          </button>
        )}
        {long && expanded && !loading && (
          <button type="button" className="underline" onClick={() => setExpanded(false)}>Collapse</button>
        )}
        {loading && <span role="status">loading…</span>}
        {error && <span className="text-rose-700">{error}</span>}
        {(raw || readable !== source.trim()) && (
          <button type="button" className="underline" onClick={() => setRaw(!raw)} data-testid="raw-toggle">
            {raw ? "Readable view" : "Raw text (control bytes, HTML)"}
          </button>
        )}
      </div>
    </div>
  );
}

function clip(text: string, lines: string[], previewLines: number): string {
  const head = lines.slice(0, previewLines).join("\n");
  return head.length > 2400 ? `${head.slice(0, 2400)}…` : `${head}${lines.length > previewLines || text.length > head.length ? "\n…" : ""}`;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(0)} KB`;
}
