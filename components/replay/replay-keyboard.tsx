"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { endSwitch, holdKeys, switchSnapshot } from "./queue-switch";

const SHORTCUTS: [string, string][] = [
  ["j / ↓", "next step"],
  ["k / ↑", "previous step"],
  ["]", "next trajectory in the table's filter"],
  ["[", "previous trajectory in the table's filter"],
  ["p", "fold / unfold the task prompt and worked example"],
  ["a", "accept the trajectory"],
  ["r", "reject it (with the reasons ticked)"],
  ["n", "next in the review queue (skip this one)"],
  ["1 … 7", "tick / untick a reject reason"],
  ["e", "edit the thought of the focused step (Ctrl+Enter saves, Esc cancels)"],
  ["z", "undo the last change to the focused step's thought"],
  ["c", "mark / unmark the focused step as critical"],
  ["u", "back to the table"],
  ["?", "show / hide this help"],
];

type TProps = { trajectoryId: string; nextHref: string | null; previousHref: string | null; tableHref: string };

/** Keyboard stepping through the replay; the steps are server-rendered `[data-step]` elements. */
export function ReplayKeyboard({ trajectoryId, nextHref, previousHref, tableHref }: TProps) {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  const [ready, setReady] = useState<string | null>(null);
  const runKey = useRef<(key: string) => boolean>(() => false);

  useEffect(() => {
    function focusStep(delta: number) {
      const steps = Array.from(document.querySelectorAll<HTMLElement>("[data-step]"));
      if (steps.length === 0) return;
      const current = steps.findIndex((step) => step === document.activeElement || step.contains(document.activeElement));
      const target = steps[Math.min(steps.length - 1, Math.max(0, current === -1 ? (delta > 0 ? 0 : steps.length - 1) : current + delta))]!;
      target.focus({ preventScroll: true });
      // The step's scroll margins keep it clear of the review panel (a bottom bar on narrow screens).
      target.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
    }
    const actions: Record<string, () => void> = {
      j: () => focusStep(1),
      ArrowDown: () => focusStep(1),
      k: () => focusStep(-1),
      ArrowUp: () => focusStep(-1),
      "]": () => nextHref && router.push(nextHref),
      "[": () => previousHref && router.push(previousHref),
      p: () => {
        const prefix = document.getElementById("prefix") as HTMLDetailsElement | null;
        if (prefix) prefix.open = !prefix.open;
      },
      u: () => router.push(tableHref),
      a: () => clickAction(document, "accept"),
      r: () => clickAction(document, "reject"),
      n: () => clickAction(document, "next"),
      e: () => clickAction(focusedStep(), "edit"),
      z: () => clickAction(focusedStep(), "undo"),
      c: () => clickAction(focusedStep(), "critical"),
      "?": () => setHelp((shown) => !shown),
      Escape: () => setHelp(false),
    };
    runKey.current = (key) => {
      if (/^[1-7]$/.test(key)) {
        document.querySelector<HTMLInputElement>(`[data-reason="${key}"]`)?.click();
        return true;
      }
      const action = actions[key];
      if (!action) return false;
      action();
      return true;
    };
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) return;
      if (runKey.current(event.key)) event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nextHref, previousHref, tableHref, router]);

  // This item is on screen: the keys typed while it loaded apply to it now, in order.
  // A key that starts the next switch (a decision) sends the rest on to the item after.
  useEffect(() => {
    const held = endSwitch();
    setReady(trajectoryId);
    for (const [position, key] of held.entries()) {
      if (switchSnapshot().switching) {
        holdKeys(held.slice(position));
        break;
      }
      runKey.current(key);
    }
  }, [trajectoryId]);

  const marker = <span hidden data-replay-ready={ready ?? undefined} />;
  if (!help) {
    return (
      <>
        {marker}
        <button type="button" onClick={() => setHelp(true)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-slate-700 hover:bg-slate-50">
          Keyboard <kbd className="text-xs text-slate-500">?</kbd>
        </button>
      </>
    );
  }
  return (
    <>
    {marker}
    <div role="dialog" aria-label="Keyboard shortcuts" className="fixed inset-0 z-20 flex items-center justify-center bg-slate-900/30" onClick={() => setHelp(false)}>
      <div className="w-96 rounded-lg bg-white p-5 shadow-xl" onClick={(event) => event.stopPropagation()}>
        <h2 className="font-semibold">Keyboard shortcuts</h2>
        <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-1.5 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd></dt>
              <dd className="text-slate-700">{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="mt-4 text-sm underline" onClick={() => setHelp(false)}>Close (Esc)</button>
      </div>
    </div>
    </>
  );
}

/** Keys press the same buttons a mouse would: one code path for both. */
function clickAction(scope: ParentNode | null, action: string) {
  scope?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not([disabled])`)?.click();
}

/** The step with the keyboard focus, else the first step. */
function focusedStep(): HTMLElement | null {
  return document.activeElement?.closest<HTMLElement>("[data-step]") ?? document.querySelector<HTMLElement>("[data-step]");
}
