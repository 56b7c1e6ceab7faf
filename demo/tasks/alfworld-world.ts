/** A tiny ALFWorld-like household: rooms, receptacles, objects and goals. */
import type { Rng } from "../random";

export type TRoomKind = "kitchen" | "bedroom" | "bathroom" | "livingroom";
export type TGoalKind = "put" | "clean" | "heat" | "cool" | "look" | "two";

export type TVocabulary = {
  receptacles: Record<TRoomKind, readonly (readonly [string, number, number])[]>;
  objects: Record<TRoomKind, readonly string[]>;
};

export const CLOSED_TYPES = new Set(["cabinet", "drawer", "fridge", "microwave", "safe", "wardrobe", "pantry"]);

export const TRAINING_VOCABULARY: TVocabulary = {
  receptacles: {
    kitchen: [
      ["cabinet", 4, 12], ["countertop", 1, 3], ["drawer", 2, 8], ["fridge", 1, 1], ["microwave", 1, 1],
      ["sinkbasin", 1, 1], ["stoveburner", 4, 4], ["coffeemachine", 1, 1], ["garbagecan", 1, 1],
      ["toaster", 1, 1], ["diningtable", 0, 1], ["shelf", 0, 3],
    ],
    bedroom: [
      ["bed", 1, 1], ["desk", 1, 2], ["drawer", 2, 6], ["dresser", 1, 1], ["garbagecan", 1, 1],
      ["laundryhamper", 1, 1], ["shelf", 2, 6], ["sidetable", 1, 2], ["safe", 0, 1],
    ],
    bathroom: [
      ["bathtubbasin", 1, 1], ["cabinet", 2, 4], ["countertop", 1, 1], ["drawer", 2, 4], ["garbagecan", 1, 1],
      ["handtowelholder", 1, 1], ["sinkbasin", 1, 2], ["toilet", 1, 1], ["toiletpaperhanger", 1, 1], ["towelholder", 1, 1],
    ],
    livingroom: [
      ["armchair", 1, 1], ["coffeetable", 1, 1], ["diningtable", 0, 1], ["drawer", 2, 5], ["garbagecan", 1, 1],
      ["shelf", 2, 8], ["sidetable", 1, 2], ["sofa", 1, 1], ["tvstand", 1, 1], ["cabinet", 0, 3],
    ],
  },
  objects: {
    kitchen: [
      "apple", "bread", "butterknife", "cup", "dishsponge", "egg", "fork", "kettle", "knife", "ladle", "lettuce",
      "mug", "pan", "peppershaker", "plate", "pot", "potato", "saltshaker", "spatula", "spoon", "tomato", "winebottle",
    ],
    bedroom: ["alarmclock", "book", "cd", "cellphone", "creditcard", "keychain", "laptop", "pen", "pencil", "pillow", "tennisracket"],
    bathroom: ["candle", "cloth", "soapbar", "spraybottle", "toiletpaper", "soapbottle", "towel", "dishsponge"],
    livingroom: ["box", "creditcard", "keychain", "newspaper", "pillow", "remotecontrol", "statue", "vase", "watch", "laptop"],
  },
};

/** Receptacles and objects that never appear in training rows (template-only test questions). */
export const TEST_ONLY_VOCABULARY: TVocabulary = {
  receptacles: {
    kitchen: [["pantry", 1, 2], ["breadbin", 1, 1], ["spicerack", 1, 2], ["windowsill", 1, 1], ["islandcounter", 1, 1]],
    bedroom: [["wardrobe", 1, 3], ["nightstand", 1, 2], ["bookcase", 1, 2], ["footstool", 1, 1], ["vanity", 1, 1]],
    bathroom: [["medicinecabinet", 1, 1], ["shower", 1, 1], ["bathmat", 1, 1], ["washstand", 1, 1]],
    livingroom: [["ottoman", 1, 1], ["bench", 1, 2], ["mantelpiece", 1, 1], ["bookcase", 1, 3], ["piano", 1, 1]],
  },
  objects: {
    kitchen: ["teapot", "colander", "whisk", "rollingpin"],
    bedroom: ["scarf", "stapler", "globe", "hairbrush"],
    bathroom: ["razor", "loofah", "toothbrush"],
    livingroom: ["candlestick", "chessboard", "lantern", "figurine"],
  },
};

const NOT_TARGETS = new Set(["sinkbasin", "stoveburner", "toaster", "microwave", "fridge", "toiletpaperhanger"]);
const HEATABLE = ["apple", "bread", "cup", "egg", "mug", "plate", "potato", "tomato"];
const COOLABLE = ["apple", "bread", "cup", "lettuce", "mug", "pan", "plate", "pot", "potato", "tomato", "winebottle"];
const CLEANABLE = ["butterknife", "cup", "fork", "knife", "ladle", "lettuce", "mug", "pan", "plate", "pot", "potato", "spatula", "spoon", "tomato", "cloth", "soapbar"];

export type TReceptacle = { type: string; n: number; name: string; contents: string[] };

export type TRoom = { kind: TRoomKind; receptacles: TReceptacle[] };

export type TGoal = {
  kind: TGoalKind;
  object: string;
  /** Target receptacle type (or the lamp for "look"). */
  target: string;
  text: string;
  paraphrase: string;
};

export function makeRoom(rng: Rng, kind: TRoomKind, vocab: TVocabulary, detail: number): TRoom {
  const receptacles: TReceptacle[] = [];
  for (const [type, min, max] of vocab.receptacles[kind]) {
    const extra = max > 1 ? Math.max(0, Math.round((detail - 1) * 2)) : 0;
    const count = rng.int(min, max) + extra;
    for (let n = 1; n <= count; n++) receptacles.push({ type, n, name: `${type} ${n}`, contents: [] });
  }
  const objects = vocab.objects[kind];
  const counters = new Map<string, number>();
  for (const r of receptacles) {
    const k = rng.weighted<number>([[0, 4], [1, 3], [2, 2], [3, 1]]);
    for (let i = 0; i < k; i++) r.contents.push(instance(rng.pick(objects), counters));
  }
  return { kind, receptacles };
}

export function instance(object: string, counters: Map<string, number>): string {
  const n = (counters.get(object) ?? 0) + 1;
  counters.set(object, n);
  return `${object} ${n}`;
}

/** "You are in the middle of a room..." with receptacles grouped by type, highest number first. */
export function describeRoom(room: TRoom): string {
  const names = [...room.receptacles].reverse().map((r) => `a ${r.name}`);
  return `You are in the middle of a room. Looking quickly around you, you see ${alfList(names)}.`;
}

/** ALFWorld's list style: "a apple 1, a bread 2, and a knife 1". */
export function alfList(items: readonly string[]): string {
  if (items.length === 0) return "nothing";
  if (items.length === 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}

export function ranges(room: TRoom): string {
  const counts = new Map<string, number>();
  for (const r of room.receptacles) counts.set(r.type, Math.max(counts.get(r.type) ?? 0, r.n));
  return [...counts].map(([t, n]) => (n === 1 ? `${t} 1` : `${t} 1-${n}`)).join("; ");
}

/** "1" or "1-4": the numbers a receptacle type has in this room. */
export function typeRange(room: TRoom, type: string): string {
  const n = Math.max(0, ...room.receptacles.filter((r) => r.type === type).map((r) => r.n));
  return n <= 1 ? "1" : `1-${n}`;
}

const inOn = (target: string) => (["fridge", "microwave", "cabinet", "drawer", "garbagecan", "laundryhamper", "safe"].includes(target) ? "in" : "on");

export function pickGoal(rng: Rng, room: TRoom, vocab: TVocabulary): TGoal {
  const objects = vocab.objects[room.kind];
  const types = [...new Set(room.receptacles.map((r) => r.type))];
  const has = (t: string) => types.includes(t);
  const kinds: TGoalKind[] = ["put", "two"];
  if (has("sinkbasin")) kinds.push("clean");
  if (has("microwave")) kinds.push("heat");
  if (has("fridge")) kinds.push("cool");
  if (room.kind === "bedroom" || room.kind === "livingroom") kinds.push("look");
  const kind = rng.pick(kinds);
  const pool =
    kind === "heat" ? HEATABLE : kind === "cool" ? COOLABLE : kind === "clean" ? CLEANABLE.filter((o) => objects.includes(o)) : objects;
  const object = rng.pick(pool.length > 0 ? pool : objects);
  const placeable = types.filter((t) => !NOT_TARGETS.has(t));
  const target = kind === "look" ? rng.pick(["desklamp", "floorlamp"]) : rng.pick(placeable.length > 0 ? placeable : types);
  const prep = inOn(target);
  const some = rng.chance(0.5) ? "some" : "a";
  const texts: Record<TGoalKind, [string, string]> = {
    put: [`put ${some} ${object} ${prep} ${target}`, `get a ${object} and leave it ${prep} the ${target}`],
    clean: [
      rng.chance(0.5) ? `put a clean ${object} ${prep} ${target}` : `clean some ${object} and put it ${prep} ${target}`,
      `wash a ${object} at the sink, then place it ${prep} the ${target}`,
    ],
    heat: [
      rng.chance(0.5) ? `put a hot ${object} ${prep} ${target}` : `heat some ${object} and put it ${prep} ${target}`,
      `warm up a ${object} in the microwave and then set it ${prep} the ${target}`,
    ],
    cool: [
      rng.chance(0.5) ? `put a cool ${object} ${prep} ${target}` : `cool some ${object} and put it ${prep} ${target}`,
      `chill a ${object} in the fridge before placing it ${prep} the ${target}`,
    ],
    look: [
      rng.chance(0.5) ? `look at ${object} under the ${target}` : `examine the ${object} with the ${target}`,
      `pick up the ${object} and inspect it by the light of the ${target}`,
    ],
    two: [
      rng.chance(0.5) ? `put two ${object} ${prep} ${target}` : `find two ${object} and put them ${prep} ${target}`,
      `place a pair of ${object}s ${prep} the ${target}`,
    ],
  };
  const [text, paraphrase] = texts[kind];
  return { kind, object, target, text, paraphrase };
}

/** Where a type of object is likely to be, as the agent would guess. */
export function likelyPlaces(rng: Rng, room: TRoom, except: string): string[] {
  const types = [...new Set(room.receptacles.map((r) => r.type))].filter((t) => t !== except && t !== "garbagecan");
  return rng.sample(types, Math.min(types.length, rng.int(3, 5)));
}
