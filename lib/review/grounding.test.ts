import { describe, expect, it } from "vitest";
import { ungroundedSpans, vocabularyOf } from "./grounding";

describe("grounding hint", () => {
  const seen = vocabularyOf("Find the price of the blue kettle. Observation: [SEP] Blue Kettle [SEP] $29.99 [SEP] /srv/data/report.txt");

  it("flags words and numbers the agent never saw", () => {
    const thought = "The blue kettle costs $29.99 but the red one is cheaper at 19 dollars, made of steel.";
    expect(ungroundedSpans(thought, seen).map((span) => span.word)).toEqual(["costs", "red", "cheaper", "19", "dollars", "steel"]);
  });

  it("accepts what was seen, whatever the case, and the parts of paths", () => {
    expect(ungroundedSpans("BLUE Kettle at 29.99 in /srv/data/report.txt and report.txt", seen)).toEqual([]);
  });

  it("gives exact spans to highlight", () => {
    const thought = "It is surely ceramic.";
    const spans = ungroundedSpans(thought, seen);
    expect(spans.map((span) => thought.slice(span.start, span.end))).toEqual(["surely", "ceramic"]);
  });

  it("ignores terminal control bytes in what was seen", () => {
    const vocabulary = vocabularyOf("\u001b[1mpasswd\u001b[0m has 42 lines");
    expect(ungroundedSpans("passwd has 42 lines", vocabulary)).toEqual([]);
  });
});
