/**
 * Contamination of tool-calling data compares what the export trains (lib/export/transform/trained-text.ts): the
 * task turn, the reasoning kept beside the content, the content and every call's arguments; never a tool result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { importTestSet } from "@/lib/testsets/import";
import { useTestDatabase } from "@/testing/database";
import { scratchDir, writeLines } from "@/testing/fixtures";
import { insertTrajectory } from "@/testing/tool-trajectories";
import { createRun, runItems, workRun } from "./run";
import { matchedSpans } from "./spans";

useTestDatabase();

const ACTOR = systemActor("test");
const ITEMS = {
  inArguments: "Which port does the secure shell daemon listen on by default according to the main configuration file here",
  inReasoning: "How many files with the extension conf are there in the etc directory and its subdirectories of this machine",
  inResult: "List every user account on this machine whose login shell is bash and whose home is under the home tree",
  inDirectAnswer: "What is the name of the largest moon of the planet Saturn and who discovered it in the seventeenth century",
  clean: "Which country has the longest coastline in the world and how long is it measured in kilometres exactly",
};
let dir: string;

beforeAll(async () => {
  dir = scratchDir();
  await insertTrajectory(pool(), {
    dataset: "native-tools",
    externalId: "run_1",
    task: "os",
    tools: [{ type: "function", function: { name: "search", parameters: { type: "object" } } }],
    turns: [
      { role: "system", rawText: "You are a helpful agent with tools." },
      { role: "user", rawText: "Answer the user's question with the tools.", isTaskTurn: true },
      // The leak sits only in the arguments string: the turn's text (its content) is empty.
      { role: "assistant", rawText: "", toolCalls: [{ id: "c1", name: "search", arguments: JSON.stringify({ q: `${ITEMS.inArguments}?` }) }], callSyntax: "native" },
      { role: "observation", rawText: `Result: ${ITEMS.inResult}.`, toolCallIds: ["c1"] },
      // The final answer makes no call: its reasoning still sits beside the content, as in every turn of native data.
      { role: "assistant", rawText: "Port 22.", thought: `The user asked: ${ITEMS.inReasoning}. Port 22 it is.` },
    ],
  });
  // A function-calling row that declares tools and answers without calling one: its reasoning is a field too.
  await insertTrajectory(pool(), {
    dataset: "native-tools",
    externalId: "run_2",
    task: "os",
    tools: [{ type: "function", function: { name: "search", parameters: { type: "object" } } }],
    turns: [
      { role: "user", rawText: "Tell me about Saturn.", isTaskTurn: true },
      { role: "assistant", rawText: "Titan, found by Huygens.", thought: `They ask: ${ITEMS.inDirectAnswer}. No tool needed.` },
    ],
  });
  const testFile = writeLines(dir, "bench.jsonl", Object.entries(ITEMS).map(([id, question]) => ({ id, question })));
  await importTestSet(ACTOR, testFile, { name: "bench", task: "os", fields: ["question"] });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("contamination of tool-calling trajectories", () => {
  it("finds a test item leaked only inside a call's arguments or only in reasoning (with or without calls), not one in a tool result", async () => {
    const run = await workRun(ACTOR, (await createRun(ACTOR, "bench")).id);
    expect(run.state).toBe("finished");
    const labels = Object.fromEntries((await runItems(ACTOR, run.id)).map((item) => [item.externalId, item.label]));
    expect(labels).toEqual({ inArguments: "dirty", inReasoning: "dirty", inResult: "clean", inDirectAnswer: "dirty", clean: "clean" });
    // The replay shows where: in the call's arguments and in the reasoning, each with its own text.
    const trajectory = (await pool().query<{ id: string }>("select id::text from trajectories where external_id = 'run_1'")).rows[0]!.id;
    const spans = (await matchedSpans(ACTOR, trajectory, run.id))!;
    const parts = spans.turns.flatMap((turn) => turn.parts.map((part) => ({ turn: turn.turnIndex, ...part })));
    expect(parts.map((p) => [p.turn, p.part, p.callId, p.toolName, p.spans.flatMap((sp) => sp.testItemIds)])).toEqual([
      [2, "arguments", "c1", "search", ["inArguments"]],
      [4, "reasoning", null, null, ["inReasoning"]],
    ]);
    const leaked = parts[0]!;
    expect(leaked.text.slice(leaked.spans[0]!.start, leaked.spans[0]!.end)).toContain("secure shell daemon");
  }, 60_000);
});
