/**
 * Hand-written test conversations in the shapes of AgentInstruct / AgentBench /
 * FireAct rows (prompts paraphrased, content invented). Loss flags follow
 * AgentInstruct: null on user turns, false on scripted assistant turns, true
 * on trained ones — unless a fixture is about their absence.
 */
import type { TRawTurn } from "../types";

export const user = (text: string): TRawTurn => ({ role: "user", text, loss: null });
export const asst = (text: string, loss: boolean | null = true): TRawTurn => ({ role: "assistant", text, loss });
export const system = (text: string): TRawTurn => ({ role: "system", text, loss: null });

/** Drops the loss flags, as ShareGPT-style exports do. */
export const withoutLoss = (turns: TRawTurn[]): TRawTurn[] => turns.map((t) => ({ ...t, loss: null }));

const ESC = "\u001b";

// ---------------------------------------------------------------- os
export const OS_PREFIX: TRawTurn[] = [
  user(
    "You play a Linux (Ubuntu) machine and I act on it. Each turn, think first, then take exactly one action.\n\n" +
      "To run bash:\n\nThink: your reasoning.\n\nAct: bash\n\n```bash\n# code here\n```\n\n" +
      "When the task is done:\n\nThink: your reasoning.\n\nAct: finish\n\n" +
      "When you know the answer:\n\nThink: your reasoning.\n\nAct: answer(the answer)\n\n" +
      "Now, my problem is:\n\nhow many entries are in /usr/share?",
  ),
  asst("Think: I should list the directory first.\n\nAct: bash\n\n```bash\nls /usr/share\n```", false),
  user("The output of the OS:\nbash-completion  common-licenses  doc  man  [truncated because the output is too long]"),
  asst("Think: The listing is cut off, so I will count lines instead.\n\nAct: bash\n\n```bash\nls -1 /usr/share | wc -l\n```", false),
  user("The output of the OS:\n117"),
  asst("Think: The count is 117.\n\nAct: answer(117)", false),
];

export const OS_TASK = "Now, I will start a new problem in a new OS. My problem is:\n\nFind the largest file under /var/log and tell me its size in bytes.";

export const osConversation = (): TRawTurn[] => [
  ...OS_PREFIX,
  user(OS_TASK),
  asst("Think: I can use find with -printf to get sizes.\n\nAct: bash\n\n```bash\nfind /var/log -type f -printf '%s %p\\n' | sort -n | tail -1\n```"),
  user(
    `The output of the OS:\r\n${ESC}]0;root@c0ffee: /${ESC}\\${ESC}[01;32mroot@c0ffee${ESC}[00m:${ESC}[01;34m/${ESC}[00m# find /var/log\r\n` +
      `48213 /var/log/dpkg.log\r\n${ESC}[K${ESC}]0;root@c0ffee: /\u0007`,
  ),
  asst("Think: The largest file has 48213 bytes.\n\nAct: answer(48213)"),
];

// ---------------------------------------------------------------- db
export const DB_PROMPT =
  "I will give you a question; help me answer it by operating a MySQL database with SQL.\n" +
  "Explain your reasoning first. Then each round either operate or answer.\n" +
  "To operate:\nAction: Operation\n```sql\nSELECT * FROM table WHERE condition;\n```\n" +
  "To answer:\nAction: Answer\nFinal Answer: [\"ANSWER1\", \"ANSWER2\", ...]\n" +
  "Your input will be the raw MySQL response.";

export const DB_TASK =
  "Which team scored the most goals in the 2019 season?\nThe name of this table is season_stats, and the headers of this table are team, season, goals.";

export const dbConversation = (): TRawTurn[] => [
  user(DB_PROMPT),
  asst("Ok.", false),
  user(DB_TASK),
  asst(
    "I need the row of season 2019 with the highest goals, so I order by goals descending and keep one row.\n" +
      "Action: Operation\n```sql\nSELECT team FROM season_stats WHERE season = 2019 ORDER BY goals DESC LIMIT 1;\n```",
  ),
  user("[('Riverside FC',)]"),
  asst("The query returned Riverside FC.\nAction: Answer\nFinal Answer: [\"Riverside FC\"]"),
];

// ---------------------------------------------------------------- alfworld
export const ALFWORLD_PROMPT =
  "Interact with a household to solve a task. Each turn choose either \"THOUGHT\" or \"ACTION\". " +
  "With THOUGHT, write:\"THOUGHT: your thoughts.\\n ACTION: your next action\\n\"; " +
  "with ACTION, write:\"ACTION: your next action\\n\". If the environment says \"Nothing happened\", the action was invalid.";

export const ALFWORLD_TASK =
  "Here is your task. You are in the middle of a room. Looking around, you see a countertop 1, a drawer 1, a fridge 1, and a sinkbasin 1.\nYour task is to: put a cool apple in countertop.";

export const alfworldConversation = (): TRawTurn[] => [
  user(ALFWORLD_PROMPT),
  asst("OK", false),
  user(ALFWORLD_TASK),
  asst("THOUGHT: I need an apple first; apples are often on the countertop.\n ACTION: go to countertop 1"),
  user("On the countertop 1, you see a apple 2, and a knife 1."),
  asst("ACTION: take apple 2 from countertop 1"),
  user("You pick up the apple 2 from the countertop 1."),
  asst("ACTION: go to fridge 1"),
  user("The fridge 1 is closed."),
  asst("ACTION: cool apple 2 with fridge 1"),
  user("You cool the apple 2 using the fridge 1."),
  asst("ACTION: go to countertop 1"),
  user("On the countertop 1, you see a knife 1."),
  asst("ACTION: put apple 2 in/on countertop 1"),
];

// ---------------------------------------------------------------- webshop
export const WEBSHOP_PROMPT =
  "You are shopping on a website. Each round you get an observation and the available actions; reply with one action.\n" +
  "Actions look like:\nsearch[keywords]\nclick[value]\n" +
  "Reply in this format:\n\nThought:\nI think ...\n\nAction:\nclick[something]";

export const WEBSHOP_TASK =
  "WebShop [SEP] Instruction: [SEP] i want a pack of unscented soy candles, and price lower than 30.00 dollars [SEP] Search";

export const webshopConversation = (): TRawTurn[] => [
  user(WEBSHOP_PROMPT),
  asst("Ok.", false),
  user(WEBSHOP_TASK),
  asst("Thought:\nI think I should search for unscented soy candles.\n\nAction:\nsearch[unscented soy candles pack]"),
  user(
    "Instruction: [SEP] i want a pack of unscented soy candles, and price lower than 30.00 dollars [SEP] Back to Search [SEP] Page 1 (Total results: 50) [SEP] Next > [SEP] " +
      "B0AAAA1111 [SEP] <b>Plain Soy Candle</b> Set of 4, Unscented &amp; Clean Burn [SEP] $19.99 [SEP] B0BBBB2222 [SEP] <div class=\"x\">Lavender Candle</div> [SEP] $12.50",
  ),
  asst("Thought:\nThe first result is unscented and under budget.\n\nAction:\nclick[B0AAAA1111]"),
  user("Instruction: [SEP] ... [SEP] Back to Search [SEP] < Prev [SEP] Plain Soy Candle Set of 4 [SEP] Price: $19.99 [SEP] Buy Now"),
  asst("Thought:\nIt matches the request, I will buy it.\n\nAction:\nclick[Buy Now]"),
];

// ---------------------------------------------------------------- kg
const KG_PROMPT =
  "You answer questions from a knowledge base using these tools:\n" +
  "1. get_relations(variable: var) -> list of relations\n2. get_neighbors(variable: var, relation: str) -> variable\n" +
  "3. intersection(variable1: var, variable2: var) -> variable\n4. get_attributes(variable: var) -> list of attributes\n" +
  "5. argmax(variable: var, attribute: str) -> variable\n6. argmin(variable: var, attribute: str) -> variable\n7. count(variable: var) -> int\n" +
  "Each step write `Thought:` then `Action:`. When done, write `Final Answer: #id`.";

/** 18 turns: prompt, acknowledgement, then a worked example ending in its final answer. */
export const KG_PREFIX: TRawTurn[] = [
  user(KG_PROMPT),
  asst("I've understood your instruction, start please.", false),
  user("Question: which is the longest river flowing through the capital of Freedonia?\nEntities: [Freedonia]"),
  asst("Thought: I should find the relations of Freedonia.\nAction: get_relations(Freedonia)", false),
  user("Observation: [location.country.capital, location.location.contains]"),
  asst("Thought: The capital relation gives the capital.\nAction: get_neighbors(Freedonia, location.country.capital)", false),
  user("Observation: variable #0, which are instances of location.citytown"),
  asst("Thought: Now the relations of #0.\nAction: get_relations(#0)", false),
  user("Observation: [geography.river.cities, location.location.contains]"),
  asst("Thought: Rivers through a city come from geography.river.cities.\nAction: get_neighbors(#0, geography.river.cities)", false),
  user("Observation: variable #1, which are instances of geography.river"),
  asst("Thought: I need a length attribute to compare them.\nAction: get_attributes(#1)", false),
  user("Observation: [geography.river.length]"),
  asst("Thought: Take the longest.\nAction: argmax(#1, geography.river.length)", false),
  user("Observation: variable #2, which are instances of geography.river"),
  asst("Thought: Check there is exactly one.\nAction: count(#2)", false),
  user("Observation: 1"),
  asst("Thought: #2 is the final answer.\nFinal Answer: #2", false),
];

export const KG_TASK = "A new question: who designed the engines used by the Falcon Mk2 rocket?\nEntities: [Falcon Mk2]";

export const kgConversation = (): TRawTurn[] => [
  ...KG_PREFIX,
  user(KG_TASK),
  asst("Thought: I need the relations of Falcon Mk2.\nAction: get_relations(Falcon Mk2)"),
  user("Observation: [spaceflight.rocket.engines, spaceflight.rocket.manufacturer]"),
  asst("Thought: The engines relation is what I need.\nAction: get_neighbors(Falcon Mk2, spaceflight.rocket.engines)"),
  user("Observation: variable #0, which are instances of spaceflight.rocket_engine"),
  asst("Thought: Now find who designed #0.\nAction: get_relations(#0)"),
  user("Observation: [spaceflight.rocket_engine.designed_by]"),
  asst("Thought: Follow designed_by.\nAction: get_neighbors(#0, spaceflight.rocket_engine.designed_by)"),
  user("Observation: variable #1, which are instances of organization.organization"),
  asst("Thought: #1 is the final answer.\nFinal Answer: #1"),
];

// ---------------------------------------------------------------- mind2web
export const MIND2WEB_TASK =
  "'''\n<html> <body> <div> <a id=0> Flights </a> <input id=1 type=text placeholder=\"From\" /> <button id=2> Search </button> </div> </body> </html>\n'''\n\n" +
  "Based on the HTML webpage above, try to complete the following task:\nTask: find a flight from Lisbon to Oslo\nPrevious actions:\nNone\n" +
  "What should be the next action? Please select from the following choices (If the correct action is not in the page above, please select A. 'None of the above'):\n\n" +
  "A. None of the above\nB. <a id=0> Flights </a>\nC. <input id=1 type=text placeholder=\"From\" />\nD. <button id=2> Search </button>";

export const mind2webConversation = (step: string): TRawTurn[] => [user(MIND2WEB_TASK), asst(step)];

// ---------------------------------------------------------------- hotpotqa (FireAct fine-tune rows)
export const hotpotqaConversation = (): TRawTurn[] => [
  user("Question: Which city hosted the games in the year the Eiffel-like Tower of Zed opened?"),
  asst("Thought: I need to find when the Tower of Zed opened.\nAction: search[Tower of Zed]"),
  user("Observation: The Tower of Zed is a lattice tower opened in 1911 ..."),
  asst("Thought 2: It opened in 1911; now find the 1911 games host.\nAction 2: Search[1911 games host city]"),
  user("Observation: The 1911 games were hosted by Ardenton."),
  asst("Thought: The answer is Ardenton.\nAction: finish[Ardenton]"),
  user("Observation: Episode finished, reward = True"),
];
