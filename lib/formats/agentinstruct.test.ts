import { describe, expect, it } from "vitest";
import { openTrajectories } from "./detect";
import { collect, tmpDir, writeAgentInstructParquet, writeJsonl, writeText } from "./fixtures/files";
import {
  agentGymRow,
  agentInstructRows,
  etoRow,
  mind2webRow,
  natRow,
  osRow,
  sharegptRows,
  webshopRow,
} from "./fixtures/samples";

async function read(file: string) {
  const opened = await openTrajectories(file);
  return { format: opened.format, ...(await collect(opened.items)) };
}

describe("agentinstruct", () => {
  it("maps every task's rows from JSONL: roles, ids, tasks, loss states, raw bytes", async () => {
    const { trajectories, errors } = await read(writeJsonl(tmpDir(), "all.jsonl", agentInstructRows));
    expect(errors).toEqual([]);
    expect(trajectories.map((t) => [t.line, t.record, t.externalId, t.task])).toEqual([
      [1, 1, "os_12", "os"],
      [2, 2, "db_279", "db"],
      [3, 3, "webshop_10", "webshop"],
      [4, 4, "kg_5", "kg"],
      [5, 5, "alfworld_3", "alfworld"],
      [6, 6, "mind2web_8", "mind2web"],
    ]);
    const os = trajectories[0]!;
    expect(os.turns.map((t) => t.role).slice(0, 3)).toEqual(["user", "assistant", "user"]);
    expect(os.turns.map((t) => t.loss)).toEqual(osRow.conversations.map((c) => c.loss));
    // terminal bytes and HTML come back exactly as written
    expect(os.turns[8]!.text).toBe(osRow.conversations[8]!.value);
    expect(os.turns[8]!.text).toContain("\u001b]0;root@host: /\u0007root@host:/# ");
    expect(os.turns[8]!.text).toContain("\r\n4\r\n\u001b[K");
    expect(trajectories[2]!.turns[4]!.text).toBe(webshopRow.conversations[4]!.value);
    expect(trajectories[5]!.turns[0]!.text).toBe(mind2webRow.conversations[0]!.value);
    expect(os).toMatchObject({ reward: null, success: null, runStatus: null, sourceModel: null, metadata: {} });
  });

  it("reads the same trajectories from a JSON array and from parquet (list<struct> and JSON-string columns)", async () => {
    const dir = tmpDir();
    const fromJsonl = await read(writeJsonl(dir, "a.jsonl", agentInstructRows));
    const fromArray = await read(writeText(dir, "a.json", JSON.stringify(agentInstructRows, null, 1)));
    const fromParquet = await read(writeAgentInstructParquet(dir, "a.parquet", agentInstructRows, { rowGroupSize: 4 }));
    const fromJsonColumn = await read(
      writeAgentInstructParquet(dir, "b.parquet", agentInstructRows, { conversationsAsJson: true }),
    );
    const strip = (r: typeof fromJsonl) => r.trajectories.map((t) => ({ ...t, line: null }));
    expect(fromArray.trajectories[0]!.line).toBeNull();
    expect(strip(fromArray)).toEqual(strip(fromJsonl));
    expect(strip(fromParquet)).toEqual(strip(fromJsonl));
    expect(strip(fromJsonColumn)).toEqual(strip(fromJsonl));
  });

  it("reads AgentGym, ETO and NAT rewards, success and run status", async () => {
    const dir = tmpDir();
    const { trajectories, errors, format } = await read(writeText(dir, "mixed.json", JSON.stringify([agentGymRow, etoRow, natRow])));
    expect(format).toBe("agentinstruct");
    expect(errors).toEqual([]);
    const [gym, eto, nat] = trajectories;
    expect(gym).toMatchObject({ externalId: "webshop_42", task: "webshop", reward: 0.75, success: false });
    expect(eto).toMatchObject({ externalId: "17", task: null, reward: 1, success: true, runStatus: "success" });
    expect(eto!.metadata).toEqual({ meta: etoRow.meta });
    // NAT: role/content turns, the first turn is the assistant's, info.reward
    expect(nat).toMatchObject({ externalId: "hotpotqa_3", task: "hotpotqa", reward: 1, success: true });
    expect(nat!.turns.map((t) => [t.role, t.loss])).toEqual([
      ["assistant", true],
      ["user", false],
      ["assistant", true],
    ]);
    expect(nat!.metadata).toEqual({ info: natRow.info });
  });

  it("reads a single-record ETO file", async () => {
    const { trajectories, format } = await read(writeText(tmpDir(), "17.json", JSON.stringify(etoRow, null, 2)));
    expect(format).toBe("agentinstruct");
    expect(trajectories).toHaveLength(1);
    expect(trajectories[0]).toMatchObject({ record: 1, externalId: "17", reward: 1 });
  });

  it("prefers an explicit task field over the id prefix", async () => {
    const row = { id: "train_3", task: "os", conversations: [] };
    const { trajectories } = await read(writeJsonl(tmpDir(), "t.jsonl", [row]));
    expect(trajectories[0]!.task).toBe("os");
  });

  it("yields empty conversations and rows starting with an assistant turn as they are", async () => {
    const rows = [
      { id: "os_1", conversations: [] },
      { id: "db_2", conversations: [{ from: "gpt", value: "SELECT 1;", loss: true }] },
    ];
    const { trajectories, errors } = await read(writeJsonl(tmpDir(), "e.jsonl", rows));
    expect(errors).toEqual([]);
    expect(trajectories[0]!.turns).toEqual([]);
    expect(trajectories[1]!.turns).toEqual([{ role: "assistant", text: "SELECT 1;", loss: true }]);
  });

  it("reports malformed rows by line and field, and goes on", async () => {
    const lines = [
      JSON.stringify(osRow),
      '{"id": "os_2", "conversations": [',
      JSON.stringify({ id: "os_3" }),
      JSON.stringify({ id: "os_4", conversations: [{ from: "human", value: "a", loss: null }, { from: "gpt", value: 5 }] }),
      JSON.stringify({ id: "os_5", conversations: [{ from: "gpt", value: "a", loss: "yes" }] }),
      JSON.stringify({ id: "os_6", conversations: [{ from: "constructor", value: "a" }] }),
      JSON.stringify({ id: "os_7", conversations: "not a list" }),
      "[1, 2]",
      "",
      JSON.stringify(osRow),
    ];
    const { trajectories, errors } = await read(writeText(tmpDir(), "bad.jsonl", lines.join("\n")));
    expect(trajectories.map((t) => t.line)).toEqual([1, 10]);
    expect(errors.map((e) => [e.line, e.record])).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
      [7, 7],
      [8, 8],
    ]);
    expect(errors[0]!.message).toMatch(/^invalid JSON: /);
    expect(errors.slice(1).map((e) => e.message)).toEqual([
      'field "conversations" must be a list of turns',
      "conversations[1].value must be a string",
      "conversations[0].loss must be true, false or null",
      'conversations[0].from "constructor" is not a known role',
      'field "conversations" must be a list of turns (it is a string that is not JSON)',
      "the record must be a JSON object",
    ]);
  });
});

describe("sharegpt", () => {
  it("is told apart from agent data and keeps the model, with no task from hash ids", async () => {
    const { trajectories, format } = await read(writeText(tmpDir(), "sg.json", JSON.stringify(sharegptRows)));
    expect(format).toBe("sharegpt");
    expect(trajectories.map((t) => [t.externalId, t.task, t.sourceModel])).toEqual([
      ["QWJhYvA_0", null, "gpt-4"],
      ["xk3PqZz_1", null, "gpt-3.5-turbo"],
    ]);
    expect(trajectories[1]!.turns.map((t) => [t.role, t.loss])).toEqual([
      ["system", null],
      ["user", null],
      ["assistant", null],
    ]);
  });
});
