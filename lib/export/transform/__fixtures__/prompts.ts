/**
 * Task prompts written for these tests in the shapes of the AgentBench /
 * AgentInstruct prompts (same structure: a request to think first, reply
 * formats with a thought field, worked examples with thoughts), in our own
 * words. Each shape also keeps a sentence where "think" means "believe",
 * which the rules must leave alone.
 */
import type { TRawTurn } from "@/lib/steps/types";
import { asst, system, user } from "./source";

export const OS_PROMPT = [
  "You will act as a user of a Linux (Ubuntu) machine, and I will play the machine. Your job is to carry out what I ask or to answer my question about the system.",
  "On each of your turns you should first think what to do, and then take exactly one of the three actions: \"bash\", \"finish\" or \"answer\".",
  "",
  "1. If you think some bash code should run, take the bash action and reply like this:",
  "",
  "Think: put your thought here.",
  "",
  "Act: bash",
  "",
  "```bash",
  "# your bash code here",
  "```",
  "",
  "2. If you think the task is done, take the finish action and reply like this:",
  "",
  "Think: put your thought here.",
  "",
  "Act: finish",
  "",
  "3. If you think you know the answer, take the answer action and reply like this:",
  "",
  "Think: put your thought here.",
  "",
  "Act: answer(the answer goes between these parentheses)",
  "",
  "Long output gets cut off, so keep it short. Your bash code must not wait for input. Again: exactly one action per turn.",
].join("\n");

export const osTurns = (): TRawTurn[] => [
  user(OS_PROMPT),
  asst("Ok.", false),
  user("Now, I will start a new problem in a new OS. My problem is:\n\nHow many users have /bin/bash as their shell?"),
  asst("Think: Shells are the last field of /etc/passwd, so I filter on it.\n\nAct: bash\n\n```bash\ngrep -c ':/bin/bash$' /etc/passwd\n```", false),
  user("The output of the OS:\n3"),
  asst("Think: The count is 3.\n\nAct: answer(3)", false),
  user("Now, I will start a new problem in a new OS. My problem is:\n\nWhat is the hostname of this machine?"),
  asst("Think: The hostname command prints it.\n\nAct: bash\n\n```bash\nhostname\n```"),
  user("The output of the OS:\r\n\u001b]0;root@a1b2: /\u0007a1b2\r\n\u001b[K"),
  asst("Think: The machine is called a1b2.\n\nAct: answer(a1b2)"),
];

export const DB_PROMPT = [
  "I will give you a question and you will answer it by working on a MySQL database with SQL.",
  "You must explain the problem and how you will solve it, and write down your thoughts.",
  "After thinking and explaining carefully, in each round you can either operate or answer.",
  "To operate, write:",
  "Action: Operation",
  "```sql",
  "SELECT * FROM table WHERE condition;",
  "```",
  "Put the SQL in markdown with nothing else, on a single line. Only one statement runs per round, from the first sql block.",
  "To give the final answer, write:",
  "Action: Answer",
  "Final Answer: [\"ANSWER1\", \"ANSWER2\", ...]",
  "Only answer when you think you are sure; the answer must match exactly.",
  "A reply that matches no pattern fails at once.",
].join("\n");

export const dbTurns = (): TRawTurn[] => [
  user(DB_PROMPT),
  asst("Ok.", false),
  user("What is the average price of red items?\nThe name of this table is items, and the headers of this table are name, color, price."),
  asst("I need the mean of price over rows whose color is red.\nAction: Operation\n```sql\nSELECT AVG(price) FROM items WHERE color = 'red';\n```"),
  user("[(12.5,)]"),
  asst("The average is 12.5.\nAction: Answer\nFinal Answer: [\"12.5\"]"),
];

export const ALFWORLD_PROMPT = [
  "Interact with a household to solve a task. Picture yourself as an agent in a home whose aim is to reach a goal by acting. At the start you get the room and the goal. Each turn you pick one of the available moves. You should choose from two actions: \"THOUGHT\" or \"ACTION\". If you choose \"THOUGHT\", you should first think about the situation and plan ahead, and then give your action for this turn. Your output must follow this format:\"THOUGHT: your thoughts.\\n ACTION: your next action\\n\"; If you choose \"ACTION\", you should output the action directly. Your output must follow this format:\"ACTION: your next action\\n\". After each turn the environment answers; if it says \"Nothing happened\", the last action was invalid and you should try something else.",
  " Reminder: ",
  "1. the action must be one of the available actions; anything else is illegal. ",
  "2. Think only when needed, and act directly as much as you can.",
  "",
  "Here is one example.",
  "You are in the middle of a room. Looking quickly around you, you see a cabinet 1, a countertop 1, and a sinkbasin 1.",
  "Your task is to: put a clean mug in cabinet.",
  "THOUGHT: I need a mug, clean it at the sinkbasin, then put it in the cabinet.",
  " ACTION: go to countertop 1",
  "On the countertop 1, you see a mug 1.",
  "ACTION: take mug 1 from countertop 1",
  "You pick up the mug 1 from the countertop 1.",
].join("\n");

export const alfworldTurns = (): TRawTurn[] => [
  user(ALFWORLD_PROMPT),
  asst("OK", false),
  user("Here is your task. You are in the middle of a room. Looking quickly around you, you see a drawer 1, and a shelf 1.\nYour task is to: put a pen in drawer."),
  asst("THOUGHT: A pen is likely on the shelf.\n ACTION: go to shelf 1"),
  user("On the shelf 1, you see a pen 2."),
  asst("ACTION: take pen 2 from shelf 1"),
  user("You pick up the pen 2 from the shelf 1."),
  asst("ACTION: go to drawer 1"),
];

export const WEBSHOP_PROMPT = [
  "You are web shopping.",
  "I will tell you what to buy and you follow it.",
  "Each round you get the page and the actions you can take, and you answer with one action.",
  "Search works only when there is a search box; you can click any clickable value.",
  "An action looks like one of these:",
  "search[keywords]",
  "click[value]",
  "An invalid action does nothing. Click values must come from the page.",
  "Answer in the following format:",
  "",
  "Thought:",
  "I think ...",
  "",
  "Action:",
  "click[something]",
].join("\n");

export const webshopTurns = (): TRawTurn[] => [
  user(WEBSHOP_PROMPT),
  asst("Ok.", false),
  user("WebShop [SEP] Instruction: [SEP] i need a blue yoga mat, and price lower than 40.00 dollars [SEP] Search"),
  asst("Thought:\nI think I should search for a blue yoga mat.\n\nAction:\nsearch[blue yoga mat]"),
  user("Instruction: [SEP] i need a blue yoga mat [SEP] Back to Search [SEP] B01MAT [SEP] Blue Yoga Mat [SEP] $25.00"),
  asst("Thought:\nI think the first item fits.\n\nAction:\nclick[B01MAT]"),
];

const KG_TOOLS =
  "1. get_relations(variable: var) -> list of relations\n2. get_neighbors(variable: var, relation: str) -> variable\n" +
  "3. intersection(variable1: var, variable2: var) -> variable\n4. get_attributes(variable: var) -> list of attributes\n" +
  "5. argmax(variable: var, attribute: str) -> variable\n6. argmin(variable: var, attribute: str) -> variable\n7. count(variable: var) -> int";

export const KG_PROMPT = [
  "You answer questions from the facts in a knowledge base, which you query with these tools:",
  KG_TOOLS,
  "Each variable gets an id from 0: #0 is the first, #1 the second, and so on.",
  "In every turn, first write your reasoning as \"Thought: ...\", then one call as \"Action: tool(arguments)\".",
  "When a variable holds the answer, reply 'Final Answer: #id' with the id of the variable you think is the answer.",
  "Take only ONE action at a time, at most 15 in all.",
].join("\n");

export const kgTurns = (): TRawTurn[] => [
  user(KG_PROMPT),
  asst("I've understood your instruction, start please.", false),
  user("Question: which river is longest in Freedonia?\nEntities: [Freedonia]"),
  asst("Thought: Find the relations of Freedonia.\nAction: get_relations(Freedonia)", false),
  user("Observation: [geography.river.country]"),
  asst("Thought: Follow the rivers.\nAction: get_neighbors(Freedonia, geography.river.country)", false),
  user("Observation: variable #0, which are instances of geography.river"),
  asst("Thought: I need their lengths.\nAction: get_attributes(#0)", false),
  user("Observation: [geography.river.length]"),
  asst("Thought: Take the longest.\nAction: argmax(#0, geography.river.length)", false),
  user("Observation: variable #1, which are instances of geography.river"),
  asst("Thought: Make sure there is one.\nAction: count(#1)", false),
  user("Observation: 1"),
  asst("Thought: Check #1 once more.\nAction: get_relations(#1)", false),
  user("Observation: [geography.river.length]"),
  asst("Thought: Count #0 too.\nAction: count(#0)", false),
  user("Observation: 4"),
  asst("Thought: #1 is the final answer.\nFinal Answer: #1", false),
  user("A new question: who founded Acme Rockets?\nEntities: [Acme Rockets]"),
  asst("Thought: Look at the relations of Acme Rockets.\nAction: get_relations(Acme Rockets)"),
  user("Observation: [organization.organization.founders]"),
  asst("Thought: Follow founders.\nAction: get_neighbors(Acme Rockets, organization.organization.founders)"),
  user("Observation: variable #0, which are instances of people.person"),
  asst("Thought: #0 is the final answer.\nFinal Answer: #0"),
];

const PAGE =
  "'''\n<html> <body> <a id=1> Deals </a> <input id=2 text search /> <button id=3> Go </button> </body> </html>\n'''\n\n" +
  "Based on the HTML page above, work toward this task:\nTask: search for hiking boots\nPrevious actions:\nNone\n" +
  "Which action comes next? Choose one (if the right element is missing, choose A. 'None of the above'):\n\n" +
  "A. None of the above\nB. <a id=1> Deals </a>\nC. <input id=2 text search />\nD. <button id=3> Go </button>";

export const MIND2WEB_SYSTEM =
  "You are a helpful assistant that is good at navigating websites and doing tasks for the user. " +
  "First explain your reasoning, then pick the element. Reply in this format:\n" +
  "Thought: <your reasoning>\nAnswer: <the letter of your choice>.\nAction: CLICK, SELECT or TYPE\nValue: <text to type or option to select>";

export const mind2webTurns = (): TRawTurn[] => [
  system(MIND2WEB_SYSTEM),
  user(PAGE.replace("hiking boots", "rain jackets")),
  asst("Thought: The search box takes the query.\nAnswer: C.\nAction: TYPE\nValue: rain jackets", false),
  user(PAGE),
  asst("Thought: I should type into the search box.\nAnswer: C.\nAction: TYPE\nValue: hiking boots"),
];

/** A ReAct-style prompt of a task with no rules of its own. */
export const REACT_PROMPT = [
  "Solve a question answering task with interleaving Thought, Action, Observation steps. Thought can reason about the current situation, and Action can be two types:",
  "(1) search[entity], which searches the entity and returns its first paragraph.",
  "(2) finish[answer], which returns the answer and finishes the task.",
  "If you think the entity is ambiguous, search a longer name. Let's think step by step.",
  "Here is an example.",
  "Question: Which is older, the Zed Tower or the Yon Bridge?",
  "Thought 1: I need both opening years.",
  "Action 1: search[Zed Tower]",
  "Observation 1: The Zed Tower opened in 1911.",
  "Thought 2: Now the bridge.",
  "Action 2: search[Yon Bridge]",
  "Observation 2: The Yon Bridge opened in 1890.",
  "Thought 3: 1890 is earlier.",
  "Action 3: finish[Yon Bridge]",
].join("\n");

export const genericTurns = (): TRawTurn[] => [
  system(REACT_PROMPT),
  user("Question: Where was the inventor of the Q-engine born?"),
  asst("Thought: I should search the Q-engine.\nAction: search[Q-engine]"),
  user("Observation: The Q-engine was invented by Ada Q of Lune."),
  asst("Thought: She was born in Lune.\nAction: finish[Lune]"),
];
