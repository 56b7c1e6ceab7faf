/** The alfworld task: "THOUGHT: ...\n ACTION: ..." or "ACTION: ..." alone, plain environment text back. */
import { binaryReward } from "../rewards";
import { human, scripted, step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import {
  CLOSED_TYPES,
  TEST_ONLY_VOCABULARY,
  TRAINING_VOCABULARY,
  alfList,
  describeRoom,
  likelyPlaces,
  makeRoom,
  pickGoal,
  ranges,
  typeRange,
  type TReceptacle,
  type TRoom,
  type TRoomKind,
} from "./alfworld-world";

const ALFWORLD_PROMPT = `Interact with a household to solve a task. You are an agent in a home, and your job is to take actions until the goal is reached. At the start you get a description of the room and the goal. In every turn you may either think and then act, or act directly:
"THOUGHT: your reasoning about the current situation and your plan.
 ACTION: your next action"
or
"ACTION: your next action"
After each turn the environment tells you what happened. If it replies "Nothing happens.", your action was invalid: try something else.
Reminders:
1. Actions must use the environment's wording: go to X, open X, close X, take X from Y, put X in/on Y, clean X with Y, heat X with Y, cool X with Y, use X, examine X, look, inventory.
2. Think when it helps, but prefer acting directly.

Here is an example.
You are in the middle of a room. Looking quickly around you, you see a cabinet 2, a cabinet 1, a countertop 1, a fridge 1, a garbagecan 1, a microwave 1, and a sinkbasin 1.
Your task is to: put a cool tomato in microwave.
THOUGHT: I need a tomato, cool it with the fridge, then put it in the microwave. A tomato is likely on the countertop or in the fridge.
 ACTION: go to countertop 1
On the countertop 1, you see a knife 1, and a tomato 1.
ACTION: take tomato 1 from countertop 1
You pick up the tomato 1 from the countertop 1.
ACTION: go to fridge 1
The fridge 1 is closed.
ACTION: cool tomato 1 with fridge 1
You cool the tomato 1 using the fridge 1.
ACTION: go to microwave 1
The microwave 1 is closed.
ACTION: open microwave 1
You open the microwave 1. The microwave 1 is open. In it, you see nothing.
ACTION: put tomato 1 in/on microwave 1`;

const ALFWORLD_PREFIX: readonly TDemoTurn[] = [human(ALFWORLD_PROMPT), scripted("OK")];

type TAlfStep = { text: string; obs: string };

/** Walks the room and records steps; the last step's observation is dropped. */
class Walker {
  readonly steps: TAlfStep[] = [];
  private opened = new Set<string>();
  holding: string | null = null;

  constructor(private room: TRoom) {}

  act(action: string, obs: string, thought?: string) {
    this.steps.push({ text: thought ? `THOUGHT: ${thought}\n ACTION: ${action}` : `ACTION: ${action}`, obs });
  }

  goTo(r: TReceptacle, thought?: string) {
    const items = alfList(r.contents.map((c) => `a ${c}`));
    if (CLOSED_TYPES.has(r.type) && !this.opened.has(r.name)) {
      this.act(`go to ${r.name}`, `The ${r.name} is closed.`, thought);
      if (r.type !== "microwave" && r.type !== "fridge") this.open(r);
    } else if (CLOSED_TYPES.has(r.type)) {
      this.act(`go to ${r.name}`, `The ${r.name} is open. In it, you see ${items}.`, thought);
    } else {
      this.act(`go to ${r.name}`, `On the ${r.name}, you see ${items}.`, thought);
    }
  }

  open(r: TReceptacle) {
    this.opened.add(r.name);
    this.act(`open ${r.name}`, `You open the ${r.name}. The ${r.name} is open. In it, you see ${alfList(r.contents.map((c) => `a ${c}`))}.`);
  }

  close(r: TReceptacle) {
    this.opened.delete(r.name);
    this.act(`close ${r.name}`, `You close the ${r.name}.`);
  }

  take(item: string, r: TReceptacle, thought?: string) {
    r.contents = r.contents.filter((c) => c !== item);
    this.holding = item;
    this.act(`take ${item} from ${r.name}`, `You pick up the ${item} from the ${r.name}.`, thought);
  }

  put(item: string, r: TReceptacle, thought?: string) {
    r.contents.push(item);
    this.holding = null;
    this.act(`put ${item} in/on ${r.name}`, `You put the ${item} in/on the ${r.name}.`, thought);
  }

  find(type: string): TReceptacle | undefined {
    return this.room.receptacles.find((r) => r.type === type);
  }
}

function objectType(item: string): string {
  return item.replace(/ \d+$/, "");
}

/** Visits candidate receptacles until one holds the object; returns where it was found. */
function search(w: Walker, order: readonly TReceptacle[], object: string): { item: string; at: TReceptacle } | null {
  for (const r of order) {
    w.goTo(r);
    const item = r.contents.find((c) => objectType(c) === object);
    if (item) return { item, at: r };
  }
  return null;
}

function buildOrder(
  ctx: TEpisodeContext,
  room: TRoom,
  object: string,
  target: string,
  ok: boolean,
): { order: TReceptacle[]; types: string[] } {
  const { rng, detail } = ctx;
  const types = likelyPlaces(rng, room, target);
  const candidates = room.receptacles.filter((r) => types.includes(r.type));
  const order = rng.shuffle(candidates).slice(0, Math.max(2, Math.round(rng.int(3, 6) * detail)));
  // The object is found at position f (successful runs) or nowhere on the route (failed searches).
  for (const r of room.receptacles) if (order.includes(r)) r.contents = r.contents.filter((c) => objectType(c) !== object);
  if (ok && order.length > 0) {
    const f = rng.int(0, Math.min(order.length - 1, Math.round(2 * detail)));
    const at = order[f];
    if (at) at.contents.push(`${object} ${rng.int(1, 3)}`);
    return { order: order.slice(0, f + 1), types };
  }
  return { order, types };
}

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk } = ctx;
  const kind = rng.pick<TRoomKind>(["kitchen", "kitchen", "bedroom", "bathroom", "livingroom"]);
  const room = makeRoom(rng, kind, TRAINING_VOCABULARY, ctx.detail);
  const goal = pickGoal(rng, room, TRAINING_VOCABULARY);
  const taskTurn = `Here is your task. ${describeRoom(room)}\nYour task is to: ${goal.text}.`;
  const failsByQuirk = quirk === "loop" || quirk === "format-error" || quirk === "long-trajectory";
  const ok = ctx.reward >= 1 && !failsByQuirk;
  const w = new Walker(room);

  if (quirk === "long-trajectory") {
    wander(w, room, 150);
  } else {
    const { order, types } = buildOrder(ctx, room, goal.object, goal.target, ok || rng.chance(0.5));
    const first = order[0];
    const places = [...new Set([...(first ? [first.type] : []), ...types])].map((t) => `${t} (${typeRange(room, t)})`);
    const plan = `To solve the task, I need to find and take ${goal.kind === "two" ? `two ${goal.object}s` : `a ${goal.object}`}${goal.kind === "clean" || goal.kind === "heat" || goal.kind === "cool" ? `, ${goal.kind} it` : ""}, then ${goal.kind === "look" ? `use the ${goal.target}` : `put ${goal.kind === "two" ? "them" : "it"} in/on ${goal.target}`}. A ${goal.object} is more likely to appear in ${places.join(", ")}. I can check one by one${first ? `, starting with ${first.name}` : ""}.`;
    if (first) w.goTo(first, plan);
    if (quirk === "format-error") {
      w.steps.push({ text: `THOUGHT: I am not sure where the ${goal.object} is; maybe I should look around more.`, obs: "Nothing happens." });
    }
    const found = (first ? matchIn(first, goal.object) : null) ?? search(w, order.slice(first ? 1 : 0), goal.object);
    if (quirk === "loop" || !found) {
      const r = first ?? room.receptacles[0];
      if (quirk === "loop" && r) {
        for (let i = rng.int(3, 5); i > 0; i--) w.act(`take ${goal.object} 1 from ${r.name}`, "Nothing happens.");
      }
      const next = rng.pick(room.receptacles);
      w.act(`go to ${next.name}`, "");
    } else {
      finish(ctx, w, room, goal, found, ok);
    }
  }

  const steps: TDemoTurn[] = [];
  w.steps.forEach((s, i) => {
    steps.push(step(s.text));
    if (i < w.steps.length - 1) steps.push(human(s.obs));
  });
  return {
    taskTurn,
    steps,
    instruction: taskTurn.slice("Here is your task. ".length),
    paraphrase: `Goal: ${goal.paraphrase}. The room has: ${ranges(room)}.`,
    reward: failsByQuirk ? 0 : undefined,
  };
}

function matchIn(r: TReceptacle, object: string): { item: string; at: TReceptacle } | null {
  const item = r.contents.find((c) => objectType(c) === object);
  return item ? { item, at: r } : null;
}

function finish(
  ctx: TEpisodeContext,
  w: Walker,
  room: TRoom,
  goal: ReturnType<typeof pickGoal>,
  found: { item: string; at: TReceptacle },
  ok: boolean,
) {
  const { rng } = ctx;
  const { item, at } = found;
  const n = item.split(" ")[1] ?? "1";
  w.take(item, at, `Now I find a ${goal.object} (${n}). Next, I need to take it.`);
  const tool = goal.kind === "clean" ? "sinkbasin" : goal.kind === "heat" ? "microwave" : goal.kind === "cool" ? "fridge" : null;
  if (tool && (ok || rng.chance(0.5))) {
    const r = w.find(tool);
    if (r) {
      w.goTo(r, `Now I take a ${goal.object} (${n}). Next, I need to go to ${tool} 1 and ${goal.kind} it.`);
      const past = goal.kind === "clean" ? "clean" : goal.kind === "heat" ? "heat" : "cool";
      w.act(`${goal.kind} ${item} with ${r.name}`, `You ${past} the ${item} using the ${r.name}.`);
    }
  }
  if (goal.kind === "look") {
    const lampHolder = room.receptacles.find((r) => r.type === "desk" || r.type === "sidetable") ?? room.receptacles[0];
    if (!lampHolder) return;
    if (!lampHolder.contents.includes(`${goal.target} 1`)) lampHolder.contents.push(`${goal.target} 1`);
    w.goTo(lampHolder, `Now I take a ${goal.object} (${n}). Next, I need to find a ${goal.target}.`);
    w.act(ok ? `use ${goal.target} 1` : `examine ${item}`, "");
    return;
  }
  const targets = room.receptacles.filter((r) => r.type === goal.target);
  const wrong = room.receptacles.filter((r) => r.type !== goal.target && !CLOSED_TYPES.has(r.type));
  const dest = ok || wrong.length === 0 ? targets[0] : rng.pick(wrong);
  if (!dest) return;
  w.goTo(dest);
  if (goal.kind === "two") {
    w.put(item, dest, `Now I put the first ${goal.object} in ${dest.name}. Next, I need to find the second one.`);
    const second = room.receptacles.find((r) => r !== dest && r !== at) ?? at;
    const other = `${goal.object} ${Number(n) + 1}`;
    second.contents.push(other);
    w.goTo(second);
    w.take(other, second);
    w.goTo(dest);
    w.put(other, dest);
    return;
  }
  w.put(item, dest);
}

/** The long failing run: walks every receptacle again and again, opening and closing. */
function wander(w: Walker, room: TRoom, actions: number) {
  let i = 0;
  while (w.steps.length < actions) {
    const r = room.receptacles[i++ % room.receptacles.length];
    if (!r) break;
    w.goTo(r);
    const opensOnVisit = CLOSED_TYPES.has(r.type) && r.type !== "microwave" && r.type !== "fridge";
    if (opensOnVisit && w.steps.length < actions) w.close(r);
  }
}

export const alfworldTask: TTaskBuilder = {
  task: "alfworld",
  prefix: ALFWORLD_PREFIX,
  quirks: ["format-error", "loop", "empty-conversation", "long-trajectory"],
  drawReward: (rng) => binaryReward(rng, 0.64),
  build,
  templateOnlyQuestion(rng) {
    const kind = rng.pick<TRoomKind>(["kitchen", "bedroom", "bathroom", "livingroom"]);
    const room = makeRoom(rng, kind, TEST_ONLY_VOCABULARY, 1);
    const goal = pickGoal(rng, room, TEST_ONLY_VOCABULARY);
    return `${describeRoom(room)}\nYour task is to: ${goal.text}.`;
  },
};
