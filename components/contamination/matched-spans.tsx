"use client";

import { useState } from "react";
import type { TMatchedSpan } from "@/lib/contamination/spans";

/**
 * One turn's text with its contamination matches highlighted (from
 * lib/contamination/spans.ts). `text` must be the turn's raw text with control
 * sequences stripped (stripControlSequences), which the span offsets refer to.
 * Hovering a span names its test items; clicking shows their text below.
 */
export function MatchedSpans({ text, spans, testItems }: { text: string; spans: TMatchedSpan[]; testItems: { id: string; task: string; text: string }[] }) {
  const [open, setOpen] = useState<TMatchedSpan | null>(null);
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((span, i) => {
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark
        key={i}
        data-testid="contamination-span"
        title={`matches test item ${span.testItemIds.join(", ")}`}
        onClick={() => setOpen(open === span ? null : span)}
        className="cursor-pointer rounded bg-rose-100 text-rose-900 ring-1 ring-rose-300"
      >
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  const shown = open ? testItems.filter((t) => open.testItemIds.includes(t.id)) : [];
  return (
    <div>
      <div className="whitespace-pre-wrap">{parts}</div>
      {shown.length > 0 && (
        <aside className="mt-2 space-y-1 rounded border border-rose-200 bg-rose-50 p-2 text-sm" data-testid="contamination-items">
          {shown.map((t) => (
            <p key={t.id}>
              <b className="font-mono">{t.id}</b> <span className="text-slate-500">({t.task})</span>: {t.text}
            </p>
          ))}
        </aside>
      )}
    </div>
  );
}
