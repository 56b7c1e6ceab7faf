/** The mind2web task: one multiple-choice step per row, the page dump inside the task turn (index 0). */
import type { Rng } from "../random";
import { mind2webReward } from "../rewards";
import { step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import { TEST_ONLY_WEB, TRAINING_WEB, WEB_TEMPLATES, type TElementRole, type TRefAction } from "./mind2web-tasks";

const NAV_LABELS = [
  "Deals", "Sign in", "Help", "My account", "Gift cards", "Careers", "Privacy policy", "Terms of use", "Contact us",
  "Accessibility", "Español", "Download the app", "Travel info", "Rewards", "Cart", "Store locator", "Newsletter",
  "About us", "Cookie settings", "Feedback", "Investor relations", "Press", "Site map", "Track order",
] as const;

const TEXT_SNIPPETS = [
  "Free cancellation on most bookings", "Members save up to 20%", "Prices include taxes and fees",
  "Need help? Chat with us 24/7", "Top destinations", "Recently viewed", "Popular right now", "Limited time offer",
  "Sign up for exclusive emails", "Ratings and reviews", "We use cookies to improve your experience", "Shop by category",
] as const;

type TElement = { id: number; role: TElementRole; label: string };

function render(e: TElement): string {
  const lower = e.label.toLowerCase();
  switch (e.role) {
    case "button":
      return `<button id=${e.id}> <span> ${e.label} </span> </button>`;
    case "link":
      return `<a id=${e.id}> <text> ${e.label} </text> </a>`;
    case "select":
      return `<select id=${e.id} ${lower}> <option all> ${e.label} </option> </select>`;
    case "option":
      return `<li id=${e.id} option> <span> ${e.label} </span> </li>`;
    case "radio":
      return `<input id=${e.id} radio ${lower} />`;
    default:
      return `<input id=${e.id} ${e.role} ${lower} />`;
  }
}

function describeAction(a: TRefAction): string {
  return `[${a.role}]  ${a.label} -> ${a.op}${a.value !== undefined ? `: ${a.value}` : ""}`;
}

function pageDump(rng: Rng, taskElements: readonly TElement[], detail: number, site: string): string {
  const fillers = Math.max(10, Math.round(rng.int(60, 110) * detail));
  const nextId = (() => {
    let id = rng.int(0, 40);
    return () => (id += rng.int(1, 9));
  })();
  const nav = Array.from({ length: rng.int(5, 9) }, () => render({ id: nextId(), role: "link", label: rng.pick(NAV_LABELS) }));
  const body: string[] = [];
  for (let i = 0; i < fillers; i++) {
    const kind = rng.int(0, 3);
    if (kind === 0) body.push(`<div> <span> ${rng.pick(TEXT_SNIPPETS)} </span> </div>`);
    else if (kind === 1) body.push(render({ id: nextId(), role: "link", label: rng.pick(NAV_LABELS) }));
    else if (kind === 2) body.push(`<div> <img id=${nextId()} ${rng.pick(["logo", "banner", "promo", "icon"])} /> <p> ${rng.pick(TEXT_SNIPPETS)} </p> </div>`);
    else body.push(render({ id: nextId(), role: "button", label: rng.pick(NAV_LABELS) }));
  }
  for (const e of taskElements) body.splice(rng.int(0, body.length), 0, render(e));
  const footer = Array.from({ length: rng.int(4, 8) }, () => render({ id: nextId(), role: "link", label: rng.pick(NAV_LABELS) }));
  return `<html> <body> <header> <a id=${nextId()}> <img ${site} logo /> </a> <nav> ${nav.join(" ")} </nav> </header> <main> <div> ${body.join(" ")} </div> </main> <footer> ${footer.join(" ")} </footer> </body> </html>`;
}

const LETTERS = ["B", "C", "D", "E", "F"] as const;

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk, detail } = ctx;
  const web = rng.pick(WEB_TEMPLATES)(rng, TRAINING_WEB);
  const k = rng.int(0, web.actions.length - 1);
  const current = web.actions[k] as TRefAction;
  const elements: TElement[] = web.actions.map((a) => ({ id: 0, role: a.role, label: a.label }));
  let id = rng.int(1000, 3000);
  for (const e of elements) e.id = id += rng.int(3, 40);
  const target = elements[k] as TElement;

  const distractors = rng.sample(elements.filter((e) => e !== target), Math.min(4, elements.length - 1));
  while (distractors.length < 3) distractors.push({ id: (id += 7), role: "link", label: rng.pick(NAV_LABELS) });
  const choices = rng.shuffle([target, ...distractors]).slice(0, LETTERS.length);
  const html = pageDump(rng, elements, detail, web.site);
  const previous = web.actions.slice(0, k).map(describeAction);

  const taskTurn = [
    "'''",
    html,
    "'''",
    "",
    "Using the HTML web page above, work toward the following task:",
    `Task: ${web.task}`,
    "Previous actions:",
    previous.length > 0 ? previous.join("\n") : "None",
    "Which action comes next? Choose one of the options below (if the right element is not on the page, choose A. 'None of the above'):",
    "",
    "A. None of the above",
    ...choices.map((e, i) => `${LETTERS[i]}. ${render(e)}`),
  ].join("\n");

  const correct = rng.chance(Math.max(0.15, ctx.reward));
  const chosenIndex = correct ? choices.indexOf(target) : rng.int(0, choices.length - 1);
  const chosen = choices[chosenIndex] ?? target;
  const chosenAction = web.actions.find((a) => a.label === chosen.label && a.role === chosen.role) ?? { ...current, label: chosen.label };
  const mismatch = rng.chance(0.25);
  const talkedAbout = mismatch ? rng.pick(web.actions) : chosenAction;
  const thought = `To continue with the task, I should ${talkedAbout.op === "TYPE" ? "type into" : talkedAbout.op === "SELECT" ? "choose an entry in" : "click"} the ${talkedAbout.role} "${talkedAbout.label}".`;
  const op = quirk === "format-error" ? "SET" : chosenAction.op;
  const value = chosenAction.value !== undefined ? `\nValue: ${chosenAction.value}` : "";

  const steps: TDemoTurn[] = [step(`Thought: ${thought}\nAnswer: ${LETTERS[chosenIndex] ?? "B"}.\nAction: ${op}${value}`)];
  return {
    taskTurn,
    steps,
    instruction: web.task,
    paraphrase: web.paraphrase,
    // An unparseable step cannot have scored full marks.
    reward: quirk === "format-error" ? rng.pick([0, 1 / 3, 0.5]) : undefined,
  };
}

export const mind2webTask: TTaskBuilder = {
  task: "mind2web",
  prefix: [],
  quirks: ["format-error"],
  drawReward: mind2webReward,
  build,
  templateOnlyQuestion: (rng) => rng.pick(WEB_TEMPLATES)(rng, TEST_ONLY_WEB).task,
};
