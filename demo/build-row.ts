/** Turns one task episode into a written row: prefix + task turn + steps, reward, model, quirks. */
import { rngFor } from "./random";
import { human } from "./turns";
import type { TAgentRow, TEpisode, TQuirk, TTaskBuilder } from "./types";

export type TBuiltRow = { row: TAgentRow; episode: TEpisode };

export type TRowSpec = {
  seed: number;
  /** Stream the row belongs to ("demo", "bench"): rows of different streams are independent. */
  stream: string;
  /** Position in its stream: picks the row's own random generator. */
  index: number;
  /** Number in the id, `os_<n>`. */
  idNumber: number;
  quirk: TQuirk | null;
  detail: number;
};

/** Share of gpt-4 rows; the rest are gpt-3.5-turbo. */
const GPT4_SHARE = 0.8;

export function buildRow(builder: TTaskBuilder, spec: TRowSpec): TBuiltRow {
  const rng = rngFor(spec.seed, spec.stream, builder.task, spec.index);
  const drawn = builder.drawReward(rng);
  const episode = builder.build({ rng, reward: drawn, quirk: spec.quirk, detail: spec.detail });
  const reward = spec.quirk === "empty-conversation" ? 0 : (episode.reward ?? drawn);
  const model = rng.chance(GPT4_SHARE) ? "gpt-4" : "gpt-3.5-turbo";

  let conversations = [...builder.prefix, human(episode.taskTurn), ...episode.steps];
  if (spec.quirk === "empty-conversation") conversations = [];
  if (spec.quirk === "starts-with-assistant") conversations = [...episode.steps];

  const row: TAgentRow = {
    item_id: `${builder.task}_${spec.idNumber}`,
    conversations,
    reward,
    success: reward >= 1 ? 1 : 0,
    model,
  };
  if (episode.origin) row.origin = episode.origin;
  return { row, episode };
}
