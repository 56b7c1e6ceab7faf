/**
 * Which training text a run compares, on the real PostgreSQL: the datasets
 * chosen, general (ShareGPT chat) data only when asked for, and there every
 * human and assistant turn but never the system prompt. Also the BPE
 * tokenizer through the job path and the replay spans.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { stripControlSequences } from "@/lib/steps/control";
import { useTestDatabase } from "@/testing/database";
import { importTestSet } from "@/lib/testsets/import";
import { createRun, getRun, runItems, workRun } from "./run";
import { matchedSpans } from "./spans";

useTestDatabase();

const ACTOR = systemActor("test");
const ITEMS = {
  agent: "How many files with the extension conf are there in the etc directory and its subdirectories of this machine",
  chat: "Explain in three sentences why the northern lights glow green and red over the arctic circle in winter",
  followUp: "Now rewrite that explanation for a curious child of seven who has never heard about solar wind",
  system: "You are a helpful assistant who always answers politely and cites at least two independent sources",
  clean: "Which country has the longest coastline in the world and how long is it measured in kilometres exactly",
};
let dir: string;
const labelsOf = async (runId: number) => Object.fromEntries((await runItems(ACTOR, runId)).map((it) => [it.externalId, it.label]));
const trajectoryOf = async (dataset: string) =>
  (await pool().query<{ id: string }>(`select t.id::text from trajectories t join datasets d on d.id = t.dataset_id where d.name = $1 order by t.id limit 1`, [dataset])).rows[0]!.id;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-datasets-"));
  const agent = path.join(dir, "agent-os.jsonl");
  await writeFile(
    agent,
    `${JSON.stringify({
      id: "os_1",
      conversations: [
        { from: "human", value: "You are an assistant that will act like a person. Act: bash or answer.", loss: null },
        { from: "gpt", value: "Ok.", loss: false },
        { from: "human", value: `Now, I will start a new problem in a new OS. My problem is:\n\n${ITEMS.agent}?`, loss: null },
        { from: "gpt", value: "Think: I count them.\n\nAct: answer(12)", loss: true },
      ],
    })}\n`,
  );
  // ShareGPT chat: no loss flags. The leaks sit in an assistant turn, a later human turn and the system prompt.
  const general = path.join(dir, "chat.json");
  await writeFile(
    general,
    JSON.stringify([
      {
        id: "chat_1",
        conversations: [
          { from: "system", value: `${ITEMS.system}.` },
          { from: "human", value: "Tell me about auroras." },
          { from: "gpt", value: `Sure. ${ITEMS.chat}: charged particles excite oxygen and nitrogen.` },
          { from: "human", value: `${ITEMS.followUp}.` },
          { from: "gpt", value: "Tiny bits from the sun make the sky glow." },
        ],
      },
    ]),
  );
  expect((await importFile(ACTOR, { filePath: agent, task: "os", datasetName: "agent-os" })).imported).toBe(1);
  expect((await importFile(ACTOR, { filePath: general, kind: "general", datasetName: "chat-mix" })).imported).toBe(1);
  const testFile = path.join(dir, "bench.jsonl");
  await writeFile(testFile, Object.entries(ITEMS).map(([id, question]) => JSON.stringify({ id, question })).join("\n"));
  await importTestSet(ACTOR, testFile, { name: "bench", task: "mixed", fields: ["question"] });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("which training datasets a run compares", () => {
  it("leaves general data out by default, and finds its leaks with includeGeneral", async () => {
    const off = await workRun(ACTOR, (await createRun(ACTOR, "bench")).id);
    expect(off.state).toBe("finished");
    expect(off.params.datasets).toEqual([{ id: expect.any(Number), name: "agent-os", kind: "agent" }]);
    expect(await labelsOf(off.id)).toEqual({ agent: "dirty", chat: "clean", followUp: "clean", system: "clean", clean: "clean" });

    const on = await workRun(ACTOR, (await createRun(ACTOR, "bench", { includeGeneral: true })).id);
    expect(on.params.datasets!.map((d) => `${d.name}:${d.kind}`)).toEqual(["agent-os:agent", "chat-mix:general"]);
    // Ranges are planned within one dataset each, so a range is read without a join.
    const ranges = await pool().query<{ datasets: number }>(
      `select count(distinct t.dataset_id)::int as datasets from contamination_run_ranges g join trajectories t on t.id between g.from_id and g.to_id
        where g.run_id = $1 group by g.id`,
      [on.id],
    );
    expect(ranges.rows.map((r) => r.datasets)).toEqual([1, 1]);
    // Assistant and later human turns of chat data are training text; the system prompt is not.
    expect(await labelsOf(on.id)).toEqual({ agent: "dirty", chat: "dirty", followUp: "dirty", system: "clean", clean: "clean" });
  }, 60_000);

  it("compares only the datasets named, keeps other datasets' labels, and shows spans only where it compared", async () => {
    const agentTrajectory = await trajectoryOf("agent-os");
    const labelOf = async (id: string) =>
      (await pool().query<{ label: string | null }>(`select label from trajectories t left join trajectory_contamination c on c.trajectory_id = t.id where t.id = $1`, [id])).rows[0]!.label;
    const before = await labelOf(agentTrajectory);
    expect(before).not.toBeNull();

    const onlyChat = await workRun(ACTOR, (await createRun(ACTOR, "bench", { datasets: ["chat-mix"] })).id);
    expect(await labelsOf(onlyChat.id)).toMatchObject({ agent: "clean", chat: "dirty" });
    expect(onlyChat.totalTrajectories).toBe(1);
    // The agent trajectory was not compared by the newest run: it keeps its label, and its replay spans come from the run that compared it.
    expect(await labelOf(agentTrajectory)).toBe(before);
    expect(await labelOf(await trajectoryOf("chat-mix"))).not.toBeNull();
    const spans = (await matchedSpans(ACTOR, agentTrajectory))!;
    expect(spans.runId).not.toBe(onlyChat.id);
    expect(spans.turns.length).toBe(1);
    expect((await matchedSpans(ACTOR, agentTrajectory, onlyChat.id))!.turns).toEqual([]);

    await expect(createRun(ACTOR, "bench", { datasets: ["no-such-set"] })).rejects.toThrow('datasets: no dataset "no-such-set"');
  }, 60_000);

  it("runs with the BPE tokenizer through the job path, with replay spans on the characters", async () => {
    const run = await workRun(ACTOR, (await createRun(ACTOR, "bench", { tokenizer: "bpe", includeGeneral: true })).id);
    expect((await getRun(ACTOR, run.id)).params.tokenizer).toBe("bpe");
    expect(await labelsOf(run.id)).toMatchObject({ agent: "dirty", chat: "dirty", system: "clean", clean: "clean" });
    const chatTrajectory = await trajectoryOf("chat-mix");
    const spans = (await matchedSpans(ACTOR, chatTrajectory, run.id))!;
    const turn = spans.turns.find((t) => t.spans.some((s) => s.testItemIds.includes("chat")))!;
    const raw = await pool().query<{ raw_text: string }>(`select raw_text from turns where trajectory_id = $1 and index = $2`, [chatTrajectory, turn.turnIndex]);
    const span = turn.spans.find((s) => s.testItemIds.includes("chat"))!;
    expect(stripControlSequences(raw.rows[0]!.raw_text).slice(span.start, span.end)).toBe(ITEMS.chat);
    await expect(createRun(ACTOR, "bench", { tokenizer: "sentencepiece" as never })).rejects.toThrow(/tokenizer must be one of "word", "bpe"/);
  }, 60_000);
});
