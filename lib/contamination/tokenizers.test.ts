import { describe, expect, it } from "vitest";
import { stripControlSequences } from "@/lib/steps/control";
import { bpeIds, bpeNormalized, bpeWithOffsets } from "./bpe";
import { checkInMemory } from "./check";
import { checkParams } from "./params";
import { tokenizerFor } from "./tokenizers";

const noTemplate = { templateShare: null } as const;

describe("BPE tokenizer (cl100k_base)", () => {
  it("normalises like word tokens, and collapses whitespace", () => {
    expect(bpeNormalized("Say HELLO,\n\n  World\x1b[01;34m ok\x1b[0m[SEP]done")).toBe(" say hello, world ok done");
  });

  it("counts tokens differently from word tokens (hand-checked ids)", () => {
    // Word tokens: hello, world (2). cl100k_base of " hello, world!": " hello" 24748, "," 11, " world" 1917, "!" 0 (4).
    expect(bpeIds("Hello, world!")).toEqual([24748, 11, 1917, 0]);
    const item = [{ id: "a", task: "x", text: "Hello, world!" }];
    const training = [{ id: 1, turns: ["hello world"] }];
    const word = checkInMemory(item, training, { ...noTemplate, n: 2 });
    const bpe = checkInMemory(item, training, { ...noTemplate, n: 2, tokenizer: "bpe" });
    // Word bigram "hello world" occurs in training: both tokens contaminated.
    expect(word.items[0]).toMatchObject({ tokens: 2, contaminated: 2, label: "dirty" });
    // BPE bigrams of the item are (hello ,) (, world) (world !); training has only (hello world).
    expect(bpe.items[0]).toMatchObject({ tokens: 4, contaminated: 0, label: "clean" });
    expect(bpe.params.tokenizer).toBe("bpe");
  });

  it("finds a verbatim leak, and shows template n-grams as text", () => {
    const question = "How many files, in total, are there in the /etc directory of this machine?";
    const items = [
      { id: "a", task: "os", text: `Answer this: ${question}` },
      { id: "b", task: "os", text: "Answer this: how many users are in the wheel group?" },
    ];
    const r = checkInMemory(items, [{ id: 7, turns: [`Now, I will start a new problem. ${question}`] }], { n: 3, tokenizer: "bpe", templateShare: 0.5 });
    expect(r.items[0]!.label).toBe("dirty");
    expect(r.items[1]!.label).toBe("clean");
    expect(r.templates.map((t) => t.text)).toContain("answer this:");
  });

  it("maps every token back to its characters in the replay text, also across [SEP], escapes and non-ASCII", () => {
    const raw = "Say HELLO,\n\n  World\x1b[01;34m ok\x1b[0m[SEP]done naïve café 😀 İstanbul";
    const shown = stripControlSequences(raw);
    const { ids, starts, ends } = bpeWithOffsets(raw);
    expect(ids.length).toBeGreaterThan(10);
    const slices = [...starts].map((s, k) => shown.slice(s, ends[k]));
    expect(slices.slice(0, 6)).toEqual(["Say", "HELLO", ",", "World", "ok", "done"]);
    expect(slices).toContain("café");
    expect(slices).toContain("😀");
    // Offsets never go backwards and stay inside the text.
    for (let k = 0; k < ids.length; k++) {
      expect(starts[k]!).toBeLessThanOrEqual(ends[k]!);
      expect(ends[k]!).toBeLessThanOrEqual(shown.length);
      if (k > 0) expect(starts[k]!).toBeGreaterThanOrEqual(starts[k - 1]!);
    }
    // The same hashes as the scan uses, so the replay highlights what the scan matched.
    const withOffsets = tokenizerFor("bpe").withOffsets(raw).hashes;
    const scanned = tokenizerFor("bpe").hashes(raw);
    expect([...withOffsets.a]).toEqual([...scanned.a]);
  });

  it("treats special-token text as ordinary text", () => {
    expect(() => bpeIds("x <|endoftext|> y")).not.toThrow();
  });
});

describe("parameter validation", () => {
  it("rejects an unknown tokenizer, naming the parameter and the choices", () => {
    expect(() => checkParams({ tokenizer: "sentencepiece" as never })).toThrow('tokenizer must be one of "word", "bpe", not "sentencepiece"');
    expect(checkParams({ tokenizer: "bpe" }).tokenizer).toBe("bpe");
    expect(checkParams().tokenizer).toBe("word");
  });
});
