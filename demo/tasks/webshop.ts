/** The webshop task: "Thought:\n...\n\nAction:\nsearch[...]|click[...]", pages joined by [SEP]. */
import type { Rng } from "../random";
import { webshopReward } from "../rewards";
import { article, human, listWords, scripted, step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import {
  CATEGORIES,
  DESCRIPTION_LINES,
  HTML_SNIPPETS,
  TEST_ONLY_CATEGORIES,
  money,
  product,
  type TCategory,
  type TProduct,
} from "./webshop-catalog";

const WEBSHOP_PROMPT = `You are web shopping.
I will give you instructions about what to buy, and you have to follow them.
Every round I give you an observation of the current page and the actions available; you answer with one action based on the page and the instruction.
You can use search only when a search box is available, and you can click any of the clickable buttons on the page.
Actions look like this:
search[keywords]
click[value]
An invalid action does nothing. Choose your search keywords carefully, and only click values that appear on the page.
Think before you act, and answer in this format:

Thought:
I think ...

Action:
click[something]`;

const WEBSHOP_PREFIX: readonly TDemoTurn[] = [human(WEBSHOP_PROMPT), scripted("Ok.")];

type TRequest = {
  category: TCategory;
  attributes: string[];
  options: { name: string; value: string }[];
  maxPrice: number;
  instruction: string;
  paraphrase: string;
};

function request(rng: Rng, categories: readonly TCategory[]): TRequest {
  const category = rng.pick(categories);
  const attributes = rng.sample(category.attributes, rng.int(1, 3));
  const options = rng.sample(category.options, rng.int(0, category.options.length)).map((o) => ({ name: o.name, value: rng.pick(o.values) }));
  const maxPrice = Math.max(category.price[0] + 5, Math.round((category.price[0] + (category.price[1] - category.price[0]) * (0.4 + rng.next() * 0.6)) / 10) * 10);
  const verb = rng.pick(["i am looking for", "i need", "i want", "i would like", "find me"]);
  const described = `${attributes.join(", ")} ${category.noun}`;
  const withArticle = category.noun.endsWith("s") ? `some ${described}` : article(described);
  const optionText = options.length > 0 ? ` with ${options.map((o) => `${o.name}: ${o.value}`).join(", and ")}` : "";
  const instruction = `${verb} ${withArticle}${optionText}, and price lower than ${maxPrice}.00 dollars`;
  const optionWords = options.map((o) => `${o.value} (${o.name})`);
  const paraphrase = `Shopping request: ${category.noun} that must be ${listWords(attributes)}${optionWords.length ? `; preferred ${listWords(optionWords)}` : ""}; budget under $${maxPrice}.`;
  return { category, attributes, options, maxPrice, instruction, paraphrase };
}

const think = (thought: string, action: string) => `Thought:\n${thought}\n\nAction:\n${action}`;

function page(instruction: string, ...parts: string[]): string {
  return ["Instruction:", instruction, ...parts].join(" [SEP] ");
}

function resultsPage(instruction: string, products: readonly TProduct[], pageNo: number): string {
  const nav = pageNo === 1 ? ["Next >"] : ["< Prev", "Next >"];
  return page(
    instruction,
    "Back to Search",
    `Page ${pageNo} (Total results: 50)`,
    ...nav,
    ...products.flatMap((p) => [p.asin, p.title, money(p.price)]),
  );
}

function itemPage(instruction: string, c: TCategory, p: TProduct): string {
  const options = c.options.flatMap((o) => [o.name, ...o.values]);
  return page(instruction, "Back to Search", "< Prev", ...options, p.title, `Price: ${money(p.price)}`, "Rating: N.A.", "Description", "Features", "Reviews", "Buy Now");
}

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk, detail } = ctx;
  const req = request(rng, CATEGORIES);
  const { category: c, instruction } = req;
  const html = quirk === "html-in-page";
  const failsByQuirk = quirk === "loop" || quirk === "format-error";
  const perfect = ctx.reward >= 1 && !failsByQuirk;

  const target = product(rng, c, perfect ? req.attributes : rng.sample(c.attributes, rng.int(1, 2)), perfect ? req.maxPrice : undefined);
  if (html) target.title = `${target.title} ${HTML_SNIPPETS[0]}`;
  const pages = 1 + Math.max(0, Math.round((detail - 1) * 1.5 * rng.next()));
  const perPage = 10;
  const steps: TDemoTurn[] = [];
  const keywords = `${req.attributes.slice(0, 2).join(" ")} ${c.noun}`.replace(/,/g, "");
  steps.push(step(think(`I think I should search for ${keywords} first.`, `search[${keywords}]`)));

  let current = "";
  for (let p = 1; p <= pages; p++) {
    const listed = Array.from({ length: perPage }, () => product(rng, c, rng.sample(c.attributes, rng.int(1, 3))));
    if (p === pages) listed[rng.int(0, perPage - 1)] = target;
    current = resultsPage(instruction, listed, p);
    steps.push(human(current));
    if (p < pages) steps.push(step(think("I think none of these fit well enough. Let me look at the next page.", "click[Next >]")));
  }

  const why = perfect
    ? `which matches ${listWords(req.attributes)} and costs ${money(target.price)}, below the budget`
    : `which looks close to what I need`;
  steps.push(step(think(`I think I should click on the product ${target.asin}, ${why}.`, `click[${target.asin}]`)));
  const item = itemPage(instruction, c, target);
  steps.push(human(item));

  if (html || rng.chance(0.2 * detail)) {
    steps.push(step(think("I think I should read the description to check the details.", "click[Description]")));
    const lines: string[] = rng.sample(DESCRIPTION_LINES, rng.int(2, 4));
    if (html) lines.splice(1, 0, `${HTML_SNIPPETS[1]} Limited offer ${HTML_SNIPPETS[2]}`);
    steps.push(human(page(instruction, "Back to Search", "< Prev", lines.join(" "))));
    steps.push(step(think("I think the description fits. Let me go back to the product page.", "click[< Prev]")));
    steps.push(human(item));
  }

  if (quirk === "loop") {
    const missing = `${req.options[0]?.value ?? "large"} pack`;
    for (let i = rng.int(3, 5); i > 0; i--) {
      steps.push(step(think(`I think I should select '${missing}'.`, `click[${missing}]`)));
      steps.push(human(item));
    }
  }
  if (quirk === "format-error") {
    steps.push(step(think("I think this product is good, so I will buy it.", `buy[${target.asin}]`)));
    steps.push(human(item));
  }
  for (const o of req.options) {
    const choice = perfect ? o.value : rng.pick(c.options.find((x) => x.name === o.name)?.values ?? [o.value]);
    steps.push(step(think(`I think I should select the ${o.name} '${choice}'${perfect ? " as the instruction asks" : ""}.`, `click[${choice}]`)));
    steps.push(human(item));
  }
  steps.push(step(think("I think I should click on 'Buy Now' to purchase the product.", "click[Buy Now]")));

  return {
    taskTurn: `WebShop [SEP] Instruction: [SEP] ${instruction} [SEP] Search`,
    steps,
    instruction,
    paraphrase: req.paraphrase,
    reward: failsByQuirk ? 0 : undefined,
  };
}

export const webshopTask: TTaskBuilder = {
  task: "webshop",
  prefix: WEBSHOP_PREFIX,
  quirks: ["format-error", "loop", "starts-with-assistant", "html-in-page"],
  drawReward: webshopReward,
  build,
  templateOnlyQuestion: (rng) => request(rng, TEST_ONLY_CATEGORIES).instruction,
};
