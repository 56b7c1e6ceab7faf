import { describe, expect, it } from "vitest";
import { taskFromFileName, taskFromId } from "./task";

describe("taskFromId", () => {
  it.each([
    ["os_12", "os"],
    ["db_279", "db"],
    ["alfworld_3", "alfworld"],
    ["webshop_10", "webshop"],
    ["kg_5", "kg"],
    ["mind2web_8", "mind2web"],
    ["alfworld_put_3", "alfworld"],
    ["QWJhYvA_0", null],
    ["12", null],
    [null, null],
  ])("%s → %s", (id, task) => {
    expect(taskFromId(id)).toBe(task);
  });
});

describe("taskFromFileName", () => {
  it.each([
    ["os-runs.jsonl", "os"],
    ["/data/agentbench/outputs/gpt-4/dbbench-std/runs.jsonl", "db"],
    ["outputs/kg-std/runs.jsonl", "kg"],
    ["webshop_train.parquet", "webshop"],
    ["alfworld.jsonl", "alfworld"],
    ["mind2web-00000-of-00001.parquet", "mind2web"],
    ["fireact_hotpotqa.jsonl", "hotpotqa"],
    ["strategyqa_train_alpaca.json", "strategyqa"],
    ["bamboogle-dev.json", "bamboogle"],
    ["fireact_hotpotqa_strategyqa_mixed.json", null],
    ["runs.jsonl", null],
    ["db-and-os.jsonl", null],
    ["costs.jsonl", null],
    ["constructor.jsonl", null],
  ])("%s → %s", (file, task) => {
    expect(taskFromFileName(file)).toBe(task);
  });
});

describe("taskFromId with longer prefixes", () => {
  it("keeps the known task a longer prefix starts with", () => {
    expect(taskFromId("webshop_train_5")).toBe("webshop");
    expect(taskFromId("os_review_x1_0")).toBe("os");
    expect(taskFromId("custom_env_3")).toBe("custom_env");
  });
});
