/** Which rows carry which quirk: a fixed plan for the demo, a per-row draw for the benchmark. */
import { rngFor } from "./random";
import type { TQuirk, TTaskBuilder } from "./types";

export type TQuirkOptions = { quirks: boolean; includeHuge: boolean };

/**
 * Demo rows 1..perTask-1 (row 0 stays clean): ~4 % format errors and ~4 % loops
 * per task, a few webshop rows with raw HTML, one empty conversation (alfworld),
 * one row starting with an assistant turn (webshop), and with includeHuge one
 * ~300-turn trajectory (alfworld) and one ~200 KB observation (os).
 */
export function planDemoQuirks(builder: TTaskBuilder, perTask: number, seed: number, options: TQuirkOptions): Map<number, TQuirk> {
  const wanted: TQuirk[] = [];
  const supports = (q: TQuirk) => builder.quirks.includes(q);
  const few = Math.max(1, Math.round(perTask * 0.04));
  if (options.quirks) {
    if (supports("format-error")) wanted.push(...Array<TQuirk>(few).fill("format-error"));
    if (supports("loop")) wanted.push(...Array<TQuirk>(few).fill("loop"));
    if (supports("html-in-page")) wanted.push(...Array<TQuirk>(Math.max(3, Math.round(perTask * 0.05))).fill("html-in-page"));
    if (supports("empty-conversation")) wanted.push("empty-conversation");
    if (supports("starts-with-assistant")) wanted.push("starts-with-assistant");
  }
  if (options.includeHuge) {
    if (supports("long-trajectory")) wanted.push("long-trajectory");
    if (supports("huge-observation")) wanted.push("huge-observation");
  }
  const rng = rngFor(seed, "quirk-plan", builder.task);
  const slots = rng.shuffle(Array.from({ length: Math.max(0, perTask - 1) }, (_, i) => i + 1));
  const plan = new Map<number, TQuirk>();
  wanted.forEach((quirk, i) => {
    const slot = slots[i];
    if (slot !== undefined) plan.set(slot, quirk);
  });
  return plan;
}

/** Benchmark rows: each quirk the task supports at a few percent, the rare ones at 0.1 %. */
export function drawBenchQuirk(builder: TTaskBuilder, seed: number, index: number): TQuirk | null {
  const rng = rngFor(seed, "bench-quirk", index);
  const q = rng.weighted<TQuirk | null>([
    [null, 90],
    ["format-error", 3],
    ["loop", 3],
    ["html-in-page", 3],
    ["empty-conversation", 0.1],
    ["starts-with-assistant", 0.1],
  ]);
  return q !== null && builder.quirks.includes(q) ? q : null;
}
