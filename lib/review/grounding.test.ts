import { describe, expect, it } from "vitest";
import { ungroundedSpans, vocabularyOf } from "./grounding";

const flagged = (thought: string, seen: Set<string>) => ungroundedSpans(thought, seen).map((span) => span.word);

describe("grounding hint", () => {
  const seen = vocabularyOf("Find the price of the blue kettle. Observation: [SEP] Blue Kettle [SEP] $29.99 [SEP] /srv/data/report.txt");

  it("flags a number the agent never saw, and no ordinary word", () => {
    const thought = "The blue kettle costs $29.99 but the red one is cheaper at 19 dollars, made of steel.";
    expect(flagged(thought, seen)).toEqual(["19"]);
  });

  it("never flags filler words (the OS replay's 'order', 'solve', 'today', 'date')", () => {
    const os = vocabularyOf("How many files in /var/log were changed after 2023-01-05?");
    expect(flagged("In order to solve this, I check today's date and then count the files.", os)).toEqual([]);
  });

  it("normalises numbers: 21st grounds 21, 1,000 grounds 1000 and the other way round", () => {
    const task = vocabularyOf("Book a table for the 21st of May for 1,000 guests at 1500 dollars.");
    expect(flagged("The 21 of May, 1000 guests, $1,500 in total.", task)).toEqual([]);
    expect(flagged("The 22nd of May, 2,000 guests.", task)).toEqual(["22nd", "2,000"]);
  });

  it("flags a capitalised name only when it was never seen (stemmed), and not a capital at a sentence's start", () => {
    const page = vocabularyOf("Results: Kettles by Bosch, Philips steam irons.");
    expect(flagged("Bosch kettles are listed. I pick the one from Bosch, not Philips or Siemens.", page)).toEqual(["Siemens"]);
    expect(flagged("Perhaps the cheapest kettle is fine.", page)).toEqual([]);
  });

  it("checks paths, identifiers, URLs and quoted strings as whole tokens or all their parts", () => {
    const db = vocabularyOf("Table employee_salaries has columns first_name, monthlyPay. See https://example.com/docs and /srv/data/report.txt");
    expect(flagged("I query employee_salaries by monthlyPay from /srv/data/report.txt per https://example.com/docs.", db)).toEqual([]);
    expect(flagged("I query staff_bonus in /etc/shadow via https://evil.example/x and quote \"annual bonus\".", db)).toEqual([
      "staff_bonus",
      "/etc/shadow",
      "https://evil.example/x",
      "annual bonus",
    ]);
  });

  it("gives exact spans to highlight", () => {
    const thought = "It was made by Tefal in 2019.";
    const spans = ungroundedSpans(thought, seen);
    expect(spans.map((span) => thought.slice(span.start, span.end))).toEqual(["Tefal", "2019"]);
  });

  it("ignores terminal control bytes in what was seen", () => {
    const vocabulary = vocabularyOf("\u001b[1mpasswd\u001b[0m has 42 lines");
    expect(ungroundedSpans("passwd has 42 lines", vocabulary)).toEqual([]);
  });
});
