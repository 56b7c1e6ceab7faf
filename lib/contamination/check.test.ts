import { describe, expect, it } from "vitest";
import { checkInMemory } from "./check";
import { labelFor, DEFAULT_CHECK_PARAMS } from "./params";
import { normalizedTokens } from "./tokenize";
import { taskTable, taskTableMarkdown } from "./score";

/** w(0..k) → "w0 w1 ... wk-1" with a prefix so different sets never collide. */
const words = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`).join(" ");

const noTemplate = { templateShare: null } as const;

describe("normalisation", () => {
  it("lowercases, strips control bytes and collapses [SEP]", () => {
    expect(normalizedTokens("Hello \x1b[01;34mWORLD\x1b[0m[SEP] [sep]foo_bar")).toEqual(["hello", "world", "foo_bar"]);
    expect(normalizedTokens("")).toEqual([]);
  });
});

describe("labels at the exact bounds", () => {
  it("20 % is neither, just below is clean; 80 % is neither, just above is dirty", () => {
    expect(labelFor(2 / 10, DEFAULT_CHECK_PARAMS)).toBe("neither");
    expect(labelFor(1 / 10, DEFAULT_CHECK_PARAMS)).toBe("clean");
    expect(labelFor(8 / 10, DEFAULT_CHECK_PARAMS)).toBe("neither");
    expect(labelFor(9 / 10, DEFAULT_CHECK_PARAMS)).toBe("dirty");
  });

  it("an item with exactly 20 % and exactly 80 % contaminated tokens", () => {
    // 50 tokens; 10 matched = 20 %, 40 matched = 80 % (a 40-token run is covered by 31 windows).
    const item = words("t", 0, 50);
    const r20 = checkInMemory([{ id: "a", task: "x", text: item }], [{ id: 1, turns: [words("t", 0, 10)] }], noTemplate);
    expect(r20.items[0]).toMatchObject({ tokens: 50, contaminated: 10, rate: 0.2, label: "neither" });
    const r18 = checkInMemory([{ id: "a", task: "x", text: words("t", 0, 55) }], [{ id: 1, turns: [words("t", 0, 10)] }], noTemplate);
    expect(r18.items[0]).toMatchObject({ contaminated: 10, label: "clean" }); // 10/55 = 18.2 %
    const r80 = checkInMemory([{ id: "a", task: "x", text: item }], [{ id: 1, turns: [words("t", 0, 40)] }], noTemplate);
    expect(r80.items[0]).toMatchObject({ contaminated: 40, rate: 0.8, label: "neither" });
    const r82 = checkInMemory([{ id: "a", task: "x", text: item }], [{ id: 1, turns: [words("t", 0, 41)] }], noTemplate);
    expect(r82.items[0]).toMatchObject({ contaminated: 41, label: "dirty" });
  });
});

describe("n-grams and turn boundaries", () => {
  it("does not match an n-gram that spans two turns", () => {
    const item = words("t", 0, 12);
    // Turn 1 ends with t0..t4, turn 2 starts with t5..t11: every 10-gram of the item crosses the boundary.
    const split = checkInMemory([{ id: "a", task: "x", text: item }], [{ id: 1, turns: [`foo ${words("t", 0, 5)}`, words("t", 5, 12)] }], noTemplate);
    expect(split.items[0]).toMatchObject({ contaminated: 0, label: "clean" });
    // The same tokens in one turn match fully.
    const joined = checkInMemory([{ id: "a", task: "x", text: item }], [{ id: 1, turns: [`foo ${words("t", 0, 12)}`] }], noTemplate);
    expect(joined.items[0]).toMatchObject({ contaminated: 12, label: "dirty" });
  });

  it("counts overlapping matches once and keeps separate matches apart", () => {
    // Item: 30 tokens. Matches: t0..t11 (windows 0..2) and t5..t14 (window 5) overlap → covers t0..t14 = 15.
    // A third match t20..t29 → 10 more. Total 25 of 30.
    const item = words("t", 0, 30);
    const r = checkInMemory(
      [{ id: "a", task: "x", text: item }],
      [{ id: 1, turns: [words("t", 0, 12), words("t", 5, 15)] }, { id: 2, turns: [words("t", 20, 30)] }],
      noTemplate,
    );
    expect(r.items[0]).toMatchObject({ tokens: 30, contaminated: 25, label: "dirty" });
    expect(r.items[0]!.spans).toEqual([
      [0, 15],
      [20, 30],
    ]);
    expect(r.itemTrajectories.get(0)).toEqual([1, 2]);
    // Trajectory 1: 22 compared tokens, all inside matched windows.
    expect(r.trajectories[0]).toMatchObject({ tokens: 22, covered: 22, label: "dirty", items: [0] });
  });

  it("a very short item is clean with rate 0; an empty one is never clean", () => {
    const r = checkInMemory(
      [
        { id: "empty", task: "x", text: "" },
        { id: "short", task: "x", text: words("t", 0, 9) },
      ],
      [{ id: 1, turns: [words("t", 0, 9)] }],
      noTemplate,
    );
    expect(r.items.map((i) => [i.id, i.tokens, i.contaminated, i.label])).toEqual([
      ["empty", 0, 0, "neither"],
      ["short", 9, 0, "clean"],
    ]);
  });

  it("n is a parameter", () => {
    const r = checkInMemory([{ id: "a", task: "x", text: words("t", 0, 5) }], [{ id: 1, turns: [words("t", 0, 3)] }], { n: 3, templateShare: null });
    expect(r.items[0]).toMatchObject({ contaminated: 3, rate: 0.6 });
  });
});

describe("template discounting", () => {
  const template = "the name of this table is x and the headers of this table are";
  const items = Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, task: "db", text: `${template} ${words(`c${i}_`, 0, 10)}` }));
  const training = [{ id: 7, turns: [`${template} ${words("other", 0, 10)}`] }];

  it("n-grams in more than the share of items are excluded and listed", () => {
    const on = checkInMemory(items, training, { templateShare: 0.5 });
    expect(on.items.every((i) => i.contaminated === 0 && i.label === "clean")).toBe(true);
    // 14 template tokens → 5 template 10-grams, each in all 10 items.
    expect(on.templates).toHaveLength(5);
    expect(on.templates[0]).toMatchObject({ items: 10 });
    expect(on.trajectories[0]).toMatchObject({ covered: 0, items: [] });
  });

  it("without discounting the template matches", () => {
    const off = checkInMemory(items, training, { templateShare: null });
    expect(off.items[0]).toMatchObject({ tokens: 24, contaminated: 14 });
    expect(off.templates).toEqual([]);
  });

  it("a share the n-grams do not exceed keeps them", () => {
    // 10 of 10 items is not more than 100 %.
    expect(checkInMemory(items, training, { templateShare: 1 }).items[0]!.contaminated).toBe(14);
  });
});

describe("per-task table", () => {
  it("pools tokens per task and in the total row", () => {
    const r = checkInMemory(
      [
        { id: "a", task: "os", text: words("t", 0, 10) },
        { id: "b", task: "os", text: words("u", 0, 10) },
        { id: "c", task: "db", text: words("v", 0, 20) },
      ],
      [{ id: 1, turns: [words("t", 0, 10)] }],
      noTemplate,
    );
    const table = taskTable(r.items);
    expect(table.rows).toEqual([
      { task: "db", rate: 0, clean: 1, dirty: 0, examples: 1 },
      { task: "os", rate: 0.5, clean: 1, dirty: 1, examples: 2 },
    ]);
    expect(table.total).toEqual({ task: "Total", rate: 0.25, clean: 2, dirty: 1, examples: 3 });
    expect(taskTableMarkdown(table)).toContain("| os | 50.0 | 1 | 1 | 2 |");
  });
});

describe("fast ASCII path", () => {
  it("hashes exactly like the general path", async () => {
    const { hashTokens, textTokenHashes } = await import("./tokenize");
    for (const text of ["", "Hello, World_1 foo-bar  baz\n\tQux", "a", "x".repeat(50), "Ünïcode wörds and ascii", "ctrl \x1b[1mbold\x1b[0m", "a [SEP] b",
      "a [sep]b", "foo [bar] [se] [sepx baz[", "line\r\nnext", "del\x7fete", "ascii first, then é", "tab\there"]) {
      const fast = textTokenHashes(text);
      const slow = hashTokens(normalizedTokens(text));
      expect([...fast.a], text).toEqual([...slow.a]);
      expect([...fast.b], text).toEqual([...slow.b]);
    }
  });
});

describe("rolling n-gram keys", () => {
  it("equal the keys of each window computed on its own", async () => {
    const { hashTokens, ngramKeys } = await import("./tokenize");
    const tokens = normalizedTokens(words("t", 0, 40) + " " + words("t", 0, 12));
    const all = ngramKeys(hashTokens(tokens), 10);
    for (let s = 0; s < all.count; s++) {
      const one = ngramKeys(hashTokens(tokens.slice(s, s + 10)), 10);
      expect([one.hi[0], one.lo[0]]).toEqual([all.hi[s], all.lo[s]]);
    }
    // The repeated t0..t9 window gets the same key at both places.
    expect([all.hi[0], all.lo[0]]).toEqual([all.hi[40], all.lo[40]]);
  });
});

describe("empty items", () => {
  it("never counts an item without tokens as clean", () => {
    const result = checkInMemory(
      [
        { id: "empty", task: "x", text: "" },
        { id: "blank", task: "x", text: "  \n\t" },
        { id: "real", task: "x", text: words("t", 0, 20) },
      ],
      [{ id: 1, turns: [words("u", 0, 30)] }],
      noTemplate,
    );
    expect(result.items.find((it) => it.id === "empty")!.label).not.toBe("clean");
    expect(result.items.find((it) => it.id === "blank")!.label).not.toBe("clean");
    expect(result.items.find((it) => it.id === "real")!.label).toBe("clean");
    expect(taskTable(result.items).total.clean).toBe(1);
  });
});
