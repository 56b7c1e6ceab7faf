import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { systemActor } from "@/lib/access/actor";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { pool, prisma } from "@/lib/db/client";
import { importFile } from "@/lib/import/import-file";
import { demoSeedJob, type TDemoSeedJob } from "@/lib/job-kinds/demo-seed-job";
import { JobHandedBack } from "@/lib/jobs/context";
import { sendJob } from "@/lib/jobs/engine";
import { DEMO_DEFAULTS, writeDemoFiles } from "./generate";

const SEEDED_KEY = "demo.seededAt";
const DEMO_ACTOR = systemActor("demo");

/** Demo data is on unless TS_DEMO is off/0/false. */
export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.TS_DEMO ?? "");
}

const seededAt = async () => (await prisma().appSetting.findUnique({ where: { key: SEEDED_KEY } }))?.value ?? null;

/**
 * Queues the demo for the workers, once: on a database with no datasets that
 * never had the demo (removing the demo later does not bring it back). Returns
 * the job's id, or null when there is nothing to load.
 */
export async function queueDemoIfEmpty(size: Pick<TDemoSeedJob, "perTask" | "generalRows"> = {}): Promise<string | null> {
  const [datasets, seeded] = await Promise.all([prisma().dataset.count(), seededAt()]);
  if (datasets > 0 || seeded) return null;
  return sendJob(demoSeedJob, { actor: DEMO_ACTOR, ...size });
}

/**
 * Loads the demo datasets through the real importers (the demo-seed job's work).
 * The files are the same bytes every time, so an attempt after a crash skips
 * those already imported (same sha256) and imports the rest; a second job for
 * a demo already loaded does nothing.
 */
export async function seedDemo(
  payload: TDemoSeedJob,
  hooks: { log?: (line: string) => void; progress?: (done: number, total: number) => Promise<void>; stopping?: () => boolean } = {},
): Promise<{ seeded: boolean; files: number }> {
  if (await seededAt()) return { seeded: false, files: 0 };
  const dir = await mkdtemp(path.join(tmpdir(), "trajectory-studio-demo-"));
  try {
    const { files } = await writeDemoFiles(dir, { perTask: payload.perTask, generalRows: payload.generalRows, toolRows: DEMO_DEFAULTS.toolRows });
    const datasets = files.filter((entry) => entry.kind !== "testset");
    for (const [done, file] of datasets.entries()) {
      // A stopping worker hands the job back between files (the next attempt skips those already in).
      if (hooks.stopping?.()) throw new JobHandedBack();
      await hooks.progress?.(done, datasets.length);
      const report = await importFile(payload.actor, {
        filePath: file.path,
        datasetName: file.name,
        kind: file.kind === "general" ? "general" : "agent",
        task: file.task,
        isDemo: true,
      });
      hooks.log?.(`demo: ${report.message}`);
    }
    await hooks.progress?.(datasets.length, datasets.length);
    await prisma().appSetting.upsert({ where: { key: SEEDED_KEY }, create: { key: SEEDED_KEY, value: new Date().toISOString() }, update: {} });
    return { seeded: true, files: datasets.length };
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
