/** ShareGPT-style general conversations (no tools), gpt-4 : gpt-3.5-turbo at about 1 : 4. */
import type { Rng } from "./random";
import { rngFor } from "./random";
import { CITIES, FIRST_NAMES } from "./vocab";

export type TShareGptRow = {
  id: string;
  model: "gpt-4" | "gpt-3.5-turbo";
  conversations: { from: "human" | "gpt"; value: string }[];
};

type TExchange = [human: string, gpt: string];
type TTopic = (rng: Rng) => TExchange[];

const LANGS = ["Python", "TypeScript", "Go", "Rust", "Java"] as const;

const codeTask: TTopic = (rng) => {
  const lang = rng.pick(LANGS);
  const [what, fn, body] = rng.pick([
    ["reverses the words in a sentence", "reverse_words", "return \" \".join(reversed(sentence.split()))"],
    ["checks whether a string is a palindrome", "is_palindrome", "cleaned = [c.lower() for c in s if c.isalnum()]\n    return cleaned == cleaned[::-1]"],
    ["counts how often each word appears in a text", "word_counts", "counts = {}\n    for word in text.lower().split():\n        counts[word] = counts.get(word, 0) + 1\n    return counts"],
    ["removes duplicates from a list while keeping the order", "dedupe", "seen = set()\n    return [x for x in items if not (x in seen or seen.add(x))]"],
  ] as const);
  const ex: TExchange[] = [
    [
      `Write a ${lang} function that ${what}.`,
      `Here is a simple version (shown in Python for clarity; the ${lang} version follows the same idea):\n\n\`\`\`python\ndef ${fn}(${fn === "word_counts" ? "text" : fn === "dedupe" ? "items" : fn === "is_palindrome" ? "s" : "sentence"}):\n    ${body}\n\`\`\`\n\nThe function runs in linear time. Let me know if you want tests or a version that handles punctuation differently.`,
    ],
  ];
  if (rng.chance(0.5)) ex.push(["Can you add a couple of unit tests?", `Sure. Two quick tests:\n\n\`\`\`python\ndef test_${fn}_basic():\n    assert ${fn}(${fn === "dedupe" ? "[1, 2, 1, 3]" : '"a b a"'}) is not None\n\ndef test_${fn}_empty():\n    assert ${fn}(${fn === "dedupe" ? "[]" : '""'}) is not None\n\`\`\`\n\nRun them with \`pytest\`.`]);
  return ex;
};

const email: TTopic = (rng) => {
  const name = rng.pick(FIRST_NAMES);
  const [about, ask] = rng.pick([
    ["moving our weekly meeting to Thursday", "confirm that Thursday works"],
    ["a delay in the quarterly report", "share the missing sales figures by Friday"],
    ["the offsite in " + rng.pick(CITIES), "book travel before the end of the month"],
    ["a refund for a damaged order", "process the refund to the original card"],
  ] as const);
  const ex: TExchange[] = [
    [
      `Draft a short, polite email to ${name} about ${about}.`,
      `Subject: ${about.charAt(0).toUpperCase() + about.slice(1)}\n\nHi ${name},\n\nI hope you are well. I am writing about ${about}. Could you please ${ask}? Let me know if anything is unclear.\n\nThank you,\n[Your name]`,
    ],
  ];
  if (rng.chance(0.6)) ex.push(["Make it a bit more formal.", `Dear ${name},\n\nI am writing regarding ${about}. I would be grateful if you could ${ask}.\n\nKind regards,\n[Your name]`]);
  return ex;
};

const explain: TTopic = (rng) => {
  const [topic, answer] = rng.pick([
    ["what a hash table is", "A hash table stores key-value pairs. A hash function turns each key into an index in an array, so lookups, inserts and deletes take constant time on average. Collisions (two keys with the same index) are handled by chaining or open addressing."],
    ["the difference between TCP and UDP", "TCP is connection-oriented: it guarantees delivery and order, and retransmits lost packets. UDP sends independent datagrams with no guarantees, which makes it faster and better suited to streaming, games and DNS."],
    ["how vaccines train the immune system", "A vaccine shows the immune system a harmless piece or version of a pathogen. The body makes antibodies and memory cells, so a later real infection is recognised and fought off quickly."],
    ["what inflation is", "Inflation is the general rise of prices over time, which means each unit of money buys less. Central banks usually aim for low, stable inflation, around 2 % a year in many countries."],
    ["why the sky is blue", "Sunlight is scattered by the molecules of the air, and shorter (blue) wavelengths scatter much more than longer (red) ones. That scattered blue light reaches our eyes from every direction."],
  ] as const);
  const ex: TExchange[] = [[`Can you explain ${topic} in simple terms?`, answer]];
  if (rng.chance(0.4)) ex.push(["Give me an everyday analogy.", "Think of it like a library: the catalogue tells you exactly which shelf to go to, so you never need to search every shelf."]);
  return ex;
};

const travel: TTopic = (rng) => {
  const city = rng.pick(CITIES);
  const days = rng.int(2, 5);
  const plan = Array.from({ length: days }, (_, i) => `Day ${i + 1}: ${rng.pick(["old town walking tour", "museum morning", "food market and cooking class", "day trip to the coast", "parks and viewpoints", "local neighbourhoods and cafes"])}`);
  return [[`Plan a ${days}-day trip to ${city} on a moderate budget.`, `Here is a relaxed plan for ${city}:\n\n${plan.join("\n")}\n\nTip: buy a multi-day transit pass and book popular museums in advance.`]];
};

const math: TTopic = (rng) => {
  const a = rng.int(3, 12);
  const b = rng.int(2, 9);
  const price = rng.int(2, 15);
  return [
    [
      `A shop sells pens for $${price} each. If I buy ${a} pens and get ${b} dollars off the total, how much do I pay?`,
      `${a} pens cost ${a} × $${price} = $${a * price}. With $${b} off, you pay $${a * price} − $${b} = $${a * price - b}.`,
    ],
  ];
};

const summarize: TTopic = (rng) => {
  const subject = rng.pick(["remote work", "electric cars", "urban gardening", "sleep and memory"]);
  return [
    [
      `Summarize the main arguments for and against ${subject} in a few bullet points.`,
      `For:\n- Clear benefits for many people who adopt ${subject}\n- Growing evidence and better tools\n\nAgainst:\n- Costs and trade-offs that are easy to underestimate\n- Results vary a lot between situations\n\nOverall, ${subject} works best when its limits are planned for.`,
    ],
  ];
};

const recipe: TTopic = (rng) => {
  const dish = rng.pick(["a vegetarian chili", "banana bread", "a quick tomato pasta", "overnight oats", "lentil soup"]);
  return [[`Give me a simple recipe for ${dish}.`, `Ingredients and steps for ${dish}:\n\n1. Gather the ingredients and prepare them (chop, measure).\n2. Cook the base gently for 5-10 minutes.\n3. Add the main ingredients and simmer or bake until done.\n4. Season to taste and serve.\n\nIt keeps for 3 days in the fridge.`]];
};

const TOPICS: readonly TTopic[] = [codeTask, email, explain, travel, math, summarize, recipe];

/**
 * Real general data has no two identical conversations, and the importer would
 * drop exact repeats as duplicates: draw again (a bounded number of times) when
 * a conversation was already produced.
 */
export function buildShareGptRows(seed: number, count: number): TShareGptRow[] {
  const rows: TShareGptRow[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; rows.length < count && attempt < count * 20; attempt += 1) {
    const rng = rngFor(seed, "sharegpt", attempt);
    const conversations = rng.pick(TOPICS)(rng).flatMap(([h, g]) => [
      { from: "human" as const, value: h },
      { from: "gpt" as const, value: g },
    ]);
    const key = JSON.stringify(conversations);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ id: `sg_${rows.length + 1}`, model: rng.chance(0.2) ? "gpt-4" : "gpt-3.5-turbo", conversations });
  }
  return rows;
}
