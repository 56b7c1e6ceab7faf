/**
 * Exports end to end on a real PostgreSQL with the demo data: reruns are
 * byte-identical, a rejection after an export shows in the next one and in the
 * diff, the files read back through the project's own importers, preference
 * pairs, cancel, and who may export.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { writeDemoFiles } from "@/demo";
import { openTrajectories } from "@/lib/formats";
import { importFile } from "@/lib/import/import-file";
import { useTestDatabase } from "@/testing/database";
import { diffExports } from "./diff";
import { cancelExport, createExport, getExport, openExportFile, type TExport } from "./exports";
import { LocalExportStorage } from "./storage";
import { runExport, type TRunHooks } from "./run";
import { saveRecipe } from "./recipes";
import type { TRecipeInput } from "./recipe";

useTestDatabase();

const ADMIN = systemActor("test");
const VIEWER: TActor = { kind: "user", id: 999, email: "viewer@example.com", role: "viewer", via: "cli", context: { requestId: null, ip: null } };
const AGENT_TASKS = ["os", "db", "alfworld", "webshop", "kg", "mind2web"];
let dir: string;
let storage: LocalExportStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "export-"));
  storage = new LocalExportStorage(path.join(dir, "exports"));
  const demo = await writeDemoFiles(path.join(dir, "demo"), { perTask: 20, quirks: false, generalRows: 400 });
  for (const file of demo.files) {
    if (file.kind === "testset") continue;
    await importFile(ADMIN, { filePath: file.path, kind: file.kind, ...(file.task ? { task: file.task } : {}) });
  }
  // Reviewers accepted the passing agent runs and rejected the rest.
  await pool().query(
    `update trajectories t set status = case when coalesce(t.reward, 1) >= case when t.task = 'mind2web' then 0.66 else 1 end then 'accepted' else 'rejected' end::"TrajectoryStatus"
      where t.dataset_id in (select id from datasets where kind = 'agent')`,
  );
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportWith(recipe: TRecipeInput, actor: TActor = ADMIN, batch: Pick<TRunHooks, "batchSize" | "batchBytes" | "onProgress"> = {}): Promise<TExport> {
  const created = await createExport(actor, { recipe });
  const { state } = await runExport(actor, created.id, batch, storage);
  const done = await getExport(actor, created.id);
  expect(state, done.error ?? "").toBe("finished");
  return done;
}

async function fileText(exported: TExport, name: string): Promise<string> {
  const opened = await openExportFile(ADMIN, exported.id, name, storage);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const shaOf = (exported: TExport, name: string) => exported.files.find((file) => file.name === name)?.sha256;

describe("export", () => {
  it("gives byte-identical files when a recipe is run twice on unchanged data", async () => {
    const recipe: TRecipeInput = { formats: ["conversations", "messages", "parquet"], seed: 7 };
    const first = await exportWith(recipe);
    const second = await exportWith(recipe);
    const names = first.files.map((file) => file.name).sort();
    expect(names).toEqual(["README.md", "conversations.jsonl", "conversations.parquet", "manifest.json", "messages.jsonl", "samples.jsonl"]);
    for (const name of names.filter((n) => n !== "manifest.json")) expect(shaOf(second, name), name).toBe(shaOf(first, name));
    expect(first.summary!.plan.agentTotal).toBeGreaterThan(0);
    expect(first.summary!.plan.eta.effective).toBeCloseTo(0.2, 2);
    expect(first.summary!.plan.gpt4Share.effective).toBeCloseTo(0.2, 1);

    const manifest = JSON.parse(await fileText(first, "manifest.json"));
    expect(manifest.seed).toBe(7);
    expect(manifest.recipe.value.eta).toBe(0.2);
    expect(manifest.export.createdBy).toBe("test");
    expect(manifest.files.find((file: { name: string }) => file.name === "conversations.jsonl").sha256).toBe(shaOf(first, "conversations.jsonl"));
    expect(Object.keys(manifest.thresholds.byTask)).toContain("db");
    const samples = (await fileText(first, "samples.jsonl")).trim().split("\n").map((line) => JSON.parse(line));
    expect(samples).toHaveLength(first.summary!.plan.total);

    const reseeded = await exportWith({ ...recipe, seed: 8 });
    expect(shaOf(reseeded, "conversations.jsonl")).not.toBe(shaOf(first, "conversations.jsonl"));
    type TSample = { trajectoryId: number; kind: string };
    const samplesOf = async (exported: TExport) => (await fileText(exported, "samples.jsonl")).trim().split("\n").map((line) => JSON.parse(line) as TSample);
    const a = await samplesOf(first);
    const b = await samplesOf(reseeded);
    expect(b.map((s) => s.trajectoryId)).not.toEqual(a.map((s) => s.trajectoryId));
    // all agent data is taken whatever the seed: only the general sample and the order differ
    const agentIds = (list: TSample[]) => list.filter((s) => s.kind === "agent").map((s) => s.trajectoryId).sort((x, y) => x - y);
    expect(agentIds(b)).toEqual(agentIds(a));
  }, 120_000);

  it("counts the samples per kind, task and source model as the samples list has them", async () => {
    const exported = await exportWith({ formats: ["conversations"], seed: 3 });
    const samples = (await fileText(exported, "samples.jsonl")).trim().split("\n").map((line) => JSON.parse(line) as { trajectoryId: number; kind: string; task: string });
    const models = await pool().query<{ id: string; model: string }>(`select id::text, coalesce(source_model, 'unknown') as model from trajectories`);
    const modelOf = new Map(models.rows.map((row) => [Number(row.id), row.model]));
    const expected = new Map<string, number>();
    for (const sample of samples) {
      const key = JSON.stringify([sample.kind, sample.task, modelOf.get(sample.trajectoryId)]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const counts = exported.summary!.counts;
    expect(new Set(counts.map((row) => row.kind))).toEqual(new Set(["agent", "general"]));
    expect(new Map(counts.map((row) => [JSON.stringify([row.kind, row.task, row.sourceModel]), row.samples]))).toEqual(expected);
    // Listed by kind, then task, then model, as the manifest and the export page show them.
    const keys = counts.map((row) => [row.kind, row.task, row.sourceModel].join("\u0000"));
    expect(keys).toEqual([...keys].sort());
  }, 120_000);

  it("keeps dirty trajectories out by default, neither ones too when asked, and both with ignore; never-checked ones stay in", async () => {
    const withLabels = (contamination: "excludeDirty" | "excludeDirtyAndNeither" | "ignore") => exportWith({ formats: ["conversations"], seed: 5, inclusion: { contamination } });
    const drawn = async (exported: TExport) =>
      new Set((await pool().query<{ id: string }>(`select trajectory_id::text as id from export_items where export_id = $1`, [exported.id])).rows.map((row) => row.id));
    const first = await pool().query<{ id: string; kind: string }>(
      `select distinct on (i.kind) i.trajectory_id::text as id, i.kind from export_items i where i.export_id = $1 order by i.kind, i.sort_key`,
      [(await withLabels("ignore")).id],
    );
    const [agent, general] = ["agent", "general"].map((kind) => first.rows.find((row) => row.kind === kind)!.id);
    const neither = (await pool().query<{ id: string }>(
      `select i.trajectory_id::text as id from export_items i join exports e on e.id = i.export_id
        where i.kind = 'agent' and i.trajectory_id <> $1 order by e.id desc, i.sort_key limit 1`,
      [agent],
    )).rows[0]!.id;
    await pool().query(`insert into trajectory_contamination (trajectory_id, rate, label) values ($1, 0.9, 'dirty'), ($2, 0.95, 'dirty'), ($3, 0.5, 'neither')`, [agent, general, neither]);
    try {
      const byDefault = await drawn(await withLabels("excludeDirty"));
      expect([byDefault.has(agent!), byDefault.has(general!), byDefault.has(neither)]).toEqual([false, false, true]);
      const strict = await drawn(await withLabels("excludeDirtyAndNeither"));
      expect([strict.has(agent!), strict.has(general!), strict.has(neither)]).toEqual([false, false, false]);
      expect(strict.size).toBeGreaterThan(3);
      const all = await drawn(await withLabels("ignore"));
      expect([all.has(agent!), all.has(general!), all.has(neither)]).toEqual([true, true, true]);
      // Unlabelled trajectories (never checked) are drawn under every option.
      expect(byDefault.size).toBeGreaterThan(3);
    } finally {
      await pool().query("delete from trajectory_contamination");
    }
  }, 180_000);

  it("drops a trajectory rejected after an export from the next one, and the diff shows it", async () => {
    const recipe: TRecipeInput = { formats: ["conversations"], seed: 3 };
    const before = await exportWith(recipe);
    const victim = await pool().query<{ id: string; task: string }>(
      `select i.trajectory_id::text as id, i.task from export_items i where i.export_id = $1 and i.kind = 'agent' order by i.sort_key limit 1`,
      [before.id],
    );
    const { id, task } = victim.rows[0]!;
    await pool().query(`update trajectories set status = 'rejected' where id = $1`, [id]);
    const after = await exportWith(recipe);
    const included = await pool().query(`select 1 from export_items where export_id = $1 and trajectory_id = $2`, [after.id, id]);
    expect(included.rowCount).toBe(0);
    const diff = await diffExports(ADMIN, before.id, after.id);
    const row = diff.rows.find((r) => r.task === task)!;
    expect(row.removed).toBe(1);
    expect(row.removedIds).toEqual([id]);
    expect(diff.rows.filter((r) => AGENT_TASKS.includes(r.task)).reduce((sum, r) => sum + r.added, 0)).toBe(0);
  }, 120_000);

  it("cuts a batch where its trajectories' turn texts pass the byte limit, by the sizes stored at import", async () => {
    const batchSteps = async (batchBytes: number) => {
      const done: number[] = [];
      const exported = await exportWith({ formats: ["conversations"], seed: 5 }, ADMIN, { batchSize: 29, batchBytes, onProgress: (n) => void done.push(n) });
      expect(done.at(-1)).toBe(exported.summary!.plan.total);
      return done.slice(1).map((n, i) => n - done[i]!);
    };
    // Every trajectory is over one byte: a batch of one each, never the 29 the count allows.
    expect(new Set(await batchSteps(1))).toEqual(new Set([1]));
    const unbounded = await batchSteps(1 << 30);
    expect(unbounded.slice(0, -1).every((step) => step === 29)).toBe(true);
  });

  it("writes files that read back through the importers with the same turns", async () => {
    // Small batches, cut by count and by bytes: the keyset walk crosses many of them and must write every sample once, in order.
    const exported = await exportWith({ formats: ["conversations", "messages", "parquet"], thoughts: "original", general: { gpt4Share: 0.2 }, seed: 11 }, ADMIN, { batchSize: 29, batchBytes: 20_000 });
    const order = await pool().query<{ id: number }>("select trajectory_id::int as id from export_items where export_id = $1 order by sort_key, trajectory_id, copy", [exported.id]);
    const written = (await fileText(exported, "samples.jsonl")).trim().split("\n").map((line) => JSON.parse(line).trajectoryId as number);
    expect(written).toEqual(order.rows.map((row) => row.id));
    const stored = await pool().query<{ id: string; texts: string[]; roles: string[] }>(
      `select i.trajectory_id::text as id, array_agg(tu.raw_text order by tu.index) as texts, array_agg(tu.role::text order by tu.index) as roles
         from export_items i join turns tu on tu.trajectory_id = i.trajectory_id where i.export_id = $1 group by i.trajectory_id`,
      [exported.id],
    );
    const byExternal = new Map<string, string[]>();
    const external = await pool().query<{ id: string; external_id: string }>(`select t.id::text, t.external_id from trajectories t where t.id = any($1::bigint[])`, [stored.rows.map((row) => row.id)]);
    const textsById = new Map(stored.rows.map((row) => [row.id, row.texts]));
    for (const row of external.rows) byExternal.set(row.external_id, textsById.get(row.id)!);
    for (const name of ["conversations.jsonl", "messages.jsonl", "conversations.parquet"]) {
      // The reader detects the format from the content: a fresh name, so the file name gives no hint.
      const file = path.join(dir, `readback-${exported.id}-${name.replace(/^[a-z]+/, "data")}`);
      await writeFile(file, await readFile(path.join(dir, "exports", String(exported.id), name)));
      let count = 0;
      const opened = await openTrajectories(file);
      expect(opened.format, name).toBe(name === "messages.jsonl" ? "openai" : "agentinstruct");
      for await (const item of opened.items) {
        expect(item.kind, JSON.stringify(item.value)).toBe("trajectory");
        if (item.kind !== "trajectory") continue;
        count += 1;
        if (name === "messages.jsonl") continue; // messages carry no id: checked by count and turn texts below
        const texts = byExternal.get(item.value.externalId!);
        expect(texts, `${name} ${item.value.externalId}`).toBeDefined();
        expect(item.value.turns.map((turn) => turn.text)).toEqual(texts);
      }
      expect(count, name).toBe(exported.summary!.plan.total);
    }
  }, 120_000);

  it("keeps eta when GPT-4 general data runs short, and the manifest and card note the effective GPT-4 share", async () => {
    // The demo's general data is about 1 GPT-4 to 4 GPT-3.5: 90 % GPT-4 of 160 general samples cannot be met.
    const exported = await exportWith({ formats: ["conversations"], size: { mode: "total", total: 200 }, general: { gpt4Share: 0.9 }, seed: 5 });
    const plan = exported.summary!.plan;
    expect(plan.general.gpt4.quota).toBeLessThan(plan.general.gpt4.wanted);
    expect(plan.total).toBe(200);
    expect(plan.eta.effective).toBeCloseTo(0.2, 10);
    const note = `general data: ${plan.general.gpt4.wanted} GPT-4 conversations wanted, ${plan.general.gpt4.available} eligible: ` +
      `${plan.general.other.quota - plan.general.other.wanted} more from other general data, so the GPT-4 share is ${plan.gpt4Share.effective.toFixed(3)} (0.9 asked)`;
    const manifest = JSON.parse(await fileText(exported, "manifest.json"));
    expect(manifest.mix.notes).toContain(note);
    expect(await fileText(exported, "README.md")).toContain(`- ${note}`);
  }, 120_000);

  it("names the bad field of a recipe and stores nothing", async () => {
    const before = await pool().query<{ n: number }>("select count(*)::int as n from exports");
    await expect(createExport(ADMIN, { recipe: { eta: 2 } })).rejects.toThrow(/eta: eta is at most 1/);
    await expect(createExport(ADMIN, { recipe: { sources: { agentDatasets: ["nope"] } } })).resolves.toBeDefined();
    const after = await pool().query<{ n: number }>("select count(*)::int as n from exports");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
    const latest = await pool().query<{ id: number }>("select max(id) as id from exports");
    expect((await runExport(ADMIN, latest.rows[0]!.id, {}, storage)).state).toBe("failed");
    expect((await getExport(ADMIN, latest.rows[0]!.id)).error).toMatch(/no agent dataset named "nope"/);
  });

  it("lets only reviewers and admins export", async () => {
    await expect(createExport(VIEWER, { recipe: {} })).rejects.toThrow(/cannot do this/);
    await expect(saveRecipe(VIEWER, "x", {})).rejects.toThrow(/cannot do this/);
  });

  it("stops a cancelled export and leaves no files", async () => {
    const created = await createExport(ADMIN, { recipe: { formats: ["conversations"] } });
    const { state } = await runExport(ADMIN, created.id, { onProgress: async () => void (await cancelExport(ADMIN, created.id)) }, storage);
    expect(state).toBe("cancelled");
    await expect(openExportFile(ADMIN, created.id, "conversations.jsonl", storage)).rejects.toThrow(/no file/);
  });
});
