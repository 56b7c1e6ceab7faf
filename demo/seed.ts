import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { systemActor } from "@/lib/access/actor";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { pool, prisma } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { DEMO_DEFAULTS, writeDemoFiles } from "./generate";

const SEEDED_KEY = "demo.seededAt";
const DEMO_ACTOR = systemActor("demo");

/** Demo data is on unless TS_DEMO is off/0/false. */
export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.TS_DEMO ?? "");
}

/**
 * Loads the demo datasets through the real importers, once: on a database with
 * no datasets that never had the demo. Removing the demo later does not bring it back.
 */
export async function seedDemoIfEmpty(log: (line: string) => void): Promise<boolean> {
  const [datasets, seeded] = await Promise.all([
    prisma().dataset.count(),
    prisma().appSetting.findUnique({ where: { key: SEEDED_KEY } }),
  ]);
  if (datasets > 0 || seeded) return false;
  const dir = await mkdtemp(path.join(tmpdir(), "trajectory-studio-demo-"));
  try {
    const { files } = await writeDemoFiles(dir, { toolRows: DEMO_DEFAULTS.toolRows });
    for (const file of files.filter((entry) => entry.kind !== "testset")) {
      const report = await importFile(DEMO_ACTOR, {
        filePath: file.path,
        datasetName: file.name,
        kind: file.kind === "general" ? "general" : "agent",
        task: file.task,
        isDemo: true,
      });
      log(`demo: ${report.message}`);
    }
    await prisma().appSetting.create({ data: { key: SEEDED_KEY, value: new Date().toISOString() } });
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deletes every demo dataset with its trajectories and turns (one audited deletion each). */
export async function removeDemo(): Promise<number> {
  const demo = await pool().query<{ id: number }>("select id from datasets where is_demo");
  for (const row of demo.rows) await deleteDataset(DEMO_ACTOR, row.id);
  return demo.rows.length;
}
