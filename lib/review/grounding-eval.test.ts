import { describe, expect, it } from "vitest";
import { buildRow } from "@/demo/build-row";
import { rngFor, type Rng } from "@/demo/random";
import { TASK_BUILDERS } from "@/demo/tasks";
import { DEMO_TASKS } from "@/demo/types";
import { parseTrajectory } from "@/lib/steps";
import { hintsForTurns, vocabularyOf } from "./grounding";

/**
 * A labelled set built from the demo data: every trained step's thought, half
 * of them untouched and half with one fabricated sentence inserted (a number
 * or a name the agent never saw). The hint should flag the fabricated tokens
 * (recall) and little else (precision); the team's aim is 0.8 for both.
 */

const NAMES = ["Harrington", "Okonkwo", "Lindqvist", "Valparaiso", "Marchetti", "Tbilisi", "Kowalczyk", "Ferreira", "Nakamura", "Oyelaran"];

type TFabrication = { sentence: string; tokens: string[] };
const FABRICATIONS: ((number: string, name: string) => TFabrication)[] = [
  (n) => ({ sentence: `The admin told me the limit is ${n}.`, tokens: [n] }),
  (_, name) => ({ sentence: `This matches what ${name} reported.`, tokens: [name] }),
  (n, name) => ({ sentence: `I recall that ${name} measured ${n} last week.`, tokens: [name, n] }),
  (n) => ({ sentence: `There should be about ${n} of them.`, tokens: [n] }),
  (n) => ({ sentence: `It was due on the ${n} anyway.`, tokens: [n] }),
  (_, name) => ({ sentence: `${name} said so earlier.`, tokens: [name] }),
];

function fabricatedNumber(rng: Rng, seen: Set<string>): string {
  for (;;) {
    const value = rng.int(13, 98_000);
    const form = rng.pick(["plain", "comma", "ordinal"] as const);
    const text = form === "comma" ? value.toLocaleString("en-US") : form === "ordinal" ? `${value % 28 + 3}th` : String(value);
    const bare = text.replace(/,|th$/g, "");
    if (!seen.has(bare)) return text;
  }
}

type TLabelled = { thought: string; gold: { start: number; end: number }[]; flagged: { start: number; end: number }[] };

function labelledSet(): TLabelled[] {
  const items: TLabelled[] = [];
  for (const task of DEMO_TASKS) {
    for (let index = 0; index < 8; index += 1) {
      const { row } = buildRow(TASK_BUILDERS[task], { seed: 29, stream: "grounding-eval", index, idNumber: index, quirk: null, detail: 1 });
      const raw = row.conversations.map((turn) => ({ role: turn.from === "gpt" ? ("assistant" as const) : ("user" as const), text: turn.value, loss: turn.loss }));
      const parsed = parseTrajectory(task, raw).turns;
      const rng = rngFor(29, "grounding-eval-labels", task, index);
      const seen = new Set<string>();
      const gold = new Map<number, TLabelled["gold"]>();
      const turns = parsed.map((turn) => {
        if (turn.role !== "assistant") vocabularyOf(turn.rawText, seen);
        if (turn.role !== "assistant" || turn.isPrefix || !turn.thought || !rng.chance(0.5)) return { ...turn, currentThought: null };
        const fabrication = rng.pick(FABRICATIONS)(fabricatedNumber(rng, seen), rng.pick(NAMES.filter((name) => !seen.has(name.toLowerCase()))));
        const cut = turn.thought.search(/[.!?](\s|$)/);
        const at = cut === -1 ? turn.thought.length : cut + 1;
        const thought = `${turn.thought.slice(0, at)} ${fabrication.sentence}${turn.thought.slice(at)}`;
        const offset = at + 1;
        gold.set(turn.index, fabrication.tokens.map((token) => {
          const start = offset + fabrication.sentence.indexOf(token);
          return { start, end: start + token.length };
        }));
        return { ...turn, currentThought: thought };
      });
      const hints = hintsForTurns(turns);
      for (const turn of turns) {
        if (turn.role !== "assistant" || turn.isPrefix || !turn.thought) continue;
        items.push({ thought: turn.currentThought ?? turn.thought, gold: gold.get(turn.index) ?? [], flagged: hints[turn.index] ?? [] });
      }
    }
  }
  return items;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe("grounding hint on a labelled set from the demo data", () => {
  it("flags the fabricated numbers and names with precision and recall of at least 0.8", () => {
    const items = labelledSet();
    let truePositives = 0;
    let falseNegatives = 0;
    let falsePositives = 0;
    const falseFlags: string[] = [];
    for (const item of items) {
      for (const gold of item.gold) (item.flagged.some((span) => overlaps(span, gold)) ? truePositives++ : falseNegatives++);
      for (const span of item.flagged) {
        if (item.gold.some((gold) => overlaps(span, gold))) continue;
        falsePositives += 1;
        falseFlags.push(item.thought.slice(span.start, span.end));
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const fabricated = items.filter((item) => item.gold.length > 0).length;
    console.log(
      `grounding hint on ${items.length} demo thoughts (${fabricated} with a fabrication, ${truePositives + falseNegatives} fabricated tokens): ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; false flags: ${falseFlags.slice(0, 20).join(", ") || "none"}`,
    );
    expect(fabricated).toBeGreaterThan(50);
    expect(items.length - fabricated).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
