/**
 * One rule for the turns a check compares and the turns an export trains
 * (FORMATS.md "Contamination: what to compare"): the task turn plus every turn
 * an export with the default loss mask trains, prefixes aside. Agent data
 * without loss flags (OpenAI messages here) trains every assistant reply, so
 * a leak there must be found; an observation is not trained and is not compared.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { DEFAULT_RECIPE } from "@/lib/export/recipe";
import { isTrained, trainedByDefaultSql } from "@/lib/export/transform/loss-mask";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import type { TTurnRole } from "@/lib/steps/types";
import { importTestSet } from "@/lib/testsets/import";
import { createRun, runItems, workRun } from "./run";
import { matchedSpans } from "./spans";

useTestDatabase();

const ACTOR = systemActor("test");
const ITEMS = {
  task: "How many files with the extension conf are there in the etc directory and its subdirectories of this machine",
  reply: "Which port does the secure shell daemon listen on by default according to the main configuration file here",
  observation: "List every user account on this machine whose login shell is bash and whose home is under the home tree",
  clean: "Which country has the longest coastline in the world and how long is it measured in kilometres exactly",
};
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "contamination-trained-"));
  // OpenAI messages, no weights (no loss flags): the leaks sit in the task turn, an assistant reply and an observation.
  const file = path.join(dir, "messages.jsonl");
  await writeFile(
    file,
    `${JSON.stringify({
      id: "os_1",
      messages: [
        { role: "system", content: "You are a shell assistant. Reply with Think: and Act: bash or Act: answer(...)." },
        { role: "user", content: `${ITEMS.task}?` },
        { role: "assistant", content: `Think: ${ITEMS.reply}? I read sshd_config.\n\nAct: bash\n\n\`\`\`bash\ngrep Port /etc/ssh/sshd_config\n\`\`\`` },
        { role: "user", content: `The output of the OS:\n${ITEMS.observation}\nPort 22` },
        { role: "assistant", content: "Think: It is 22.\n\nAct: answer(22)" },
      ],
    })}\n`,
  );
  const report = await importFile(ACTOR, { filePath: file, task: "os", datasetName: "messages-os" });
  expect(report).toMatchObject({ imported: 1, format: "openai" });
  const testFile = path.join(dir, "bench.jsonl");
  await writeFile(testFile, Object.entries(ITEMS).map(([id, question]) => JSON.stringify({ id, question })).join("\n"));
  await importTestSet(ACTOR, testFile, { name: "bench", task: "os", fields: ["question"] });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the turns a check compares are the turns an export trains", () => {
  it("finds an item leaked only in an assistant turn of agent data without loss flags, not one in an observation", async () => {
    const run = await workRun(ACTOR, (await createRun(ACTOR, "bench")).id);
    expect(run.state).toBe("finished");
    const labels = Object.fromEntries((await runItems(ACTOR, run.id)).map((item) => [item.externalId, item.label]));
    expect(labels).toEqual({ task: "dirty", reply: "dirty", observation: "clean", clean: "clean" });
    // The replay shows spans on the same turns: the task turn and the reply.
    const trajectory = (await pool().query<{ id: string }>("select id::text from trajectories limit 1")).rows[0]!.id;
    const spans = (await matchedSpans(ACTOR, trajectory, run.id))!;
    expect(spans.turns.filter((turn) => turn.spans.length > 0).map((turn) => turn.turnIndex)).toEqual([1, 2]);
  }, 60_000);

  it("the SQL the check uses agrees with the export's rule for every kind of turn", async () => {
    const turns = ["system", "user", "assistant", "observation"].flatMap((role) =>
      [true, false, null].flatMap((loss) => [true, false].map((isPrefix) => ({ role, loss, isPrefix }))),
    );
    const result = await pool().query<{ i: number; trained: boolean }>(
      `select tu.i, ${trainedByDefaultSql("tu")} as trained
         from unnest($1::"TurnRole"[], $2::boolean[], $3::boolean[]) with ordinality as tu(role, loss, is_prefix, i) order by tu.i`,
      [turns.map((t) => t.role), turns.map((t) => t.loss), turns.map((t) => t.isPrefix)],
    );
    for (const kind of ["agent", "general"] as const) {
      const expected = turns.map((turn) =>
        isTrained({ ...turn, role: turn.role as TTurnRole, isCritical: false }, DEFAULT_RECIPE.lossMask, kind),
      );
      expect(result.rows.map((row) => row.trained), kind).toEqual(expected);
    }
  });
});
