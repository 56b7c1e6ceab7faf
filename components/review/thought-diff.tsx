"use client";

import { diffWords } from "diff";

/** Word-level diff of a rewritten thought against the imported one. */
export function ThoughtDiff({ original, current }: { original: string; current: string }) {
  return (
    <p className="whitespace-pre-wrap text-sm leading-relaxed" data-testid="thought-diff">
      {diffWords(original, current).map((part, position) =>
        part.added ? (
          <ins key={position} className="bg-emerald-100 text-emerald-900 no-underline">{part.value}</ins>
        ) : part.removed ? (
          <del key={position} className="bg-rose-100 text-rose-800">{part.value}</del>
        ) : (
          <span key={position}>{part.value}</span>
        ),
      )}
    </p>
  );
}
