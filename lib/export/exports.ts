/**
 * Exports as the API, CLI and pages see them: create (from a recipe or a saved
 * recipe's name), read, list, cancel, delete, re-run, open a file. Creating,
 * cancelling, re-running and deleting need exports:create (reviewers and
 * admins); reading and downloading need trajectories:read.
 */
import type { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorId, actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import type { TPlain } from "@/lib/db/row";
import { inTransaction } from "@/lib/db/transaction";
import { describeZodError, NotFoundError, UserFacingError } from "@/lib/errors";
import type { Export, Prisma } from "@/lib/generated/prisma/client";
import type { TExportedFile } from "./manifest";
import type { TExportSummary } from "./prepare";
import { parseRecipe, type TRecipe } from "./recipe";
import { getRecipe } from "./recipes";
import { cancelJob, jobsInTransaction, sendJob } from "@/lib/jobs/engine";
import { exportJob } from "./export-job";
import { exportStorage, type ExportStorage } from "./storage";

export const ZCreateExport = z
  .object({
    recipe: z.unknown().optional(),
    recipeName: z.string().trim().min(1).optional(),
    recipeVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((input) => (input.recipe === undefined) !== (input.recipeName === undefined), "give either recipe or recipeName");

const EXPORT_SELECT = {
  id: true, recipeName: true, recipeVersion: true, recipe: true, state: true, totalItems: true, doneItems: true, bytesWritten: true,
  summary: true, files: true, error: true, jobId: true, createdBy: true, createdAt: true, startedAt: true, finishedAt: true,
} as const satisfies Prisma.ExportSelect;
type TExportRow = Pick<Export, keyof typeof EXPORT_SELECT>;

/** An export as the API and pages show it: its JSON columns typed, times as ISO strings. */
export type TExport = TPlain<Omit<TExportRow, "recipe" | "summary" | "files" | "bytesWritten">> & {
  recipe: TRecipe;
  summary: TExportSummary | null;
  files: TExportedFile[];
  bytesWritten: number;
};

function toExport(row: TExportRow): TExport {
  return {
    ...row,
    recipe: row.recipe as TRecipe,
    summary: row.summary as TExportSummary | null,
    files: row.files as TExportedFile[],
    bytesWritten: Number(row.bytesWritten),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Records an export (audited). With queue, also enqueues its job for the workers, in the
 * same transaction; without, the caller runs it in its own process (the CLI's default).
 */
export async function createExport(actor: TActor, input: z.input<typeof ZCreateExport>, options: { queue?: boolean } = {}): Promise<TExport> {
  assertCan(actor, "exports:create");
  const parsed = ZCreateExport.safeParse(input);
  if (!parsed.success) throw new UserFacingError(describeZodError(parsed.error));
  const saved = parsed.data.recipeName ? await getRecipe(actor, parsed.data.recipeName, parsed.data.recipeVersion) : null;
  const recipe = saved ? saved.recipe : parseRecipe(parsed.data.recipe);
  return inTransaction(async (tx) => {
    const row = await tx.export.create({
      data: {
        recipeName: saved?.name ?? null, recipeVersion: saved?.version ?? null, recipe: recipe as Prisma.InputJsonValue,
        createdById: actorId(actor), createdBy: actorLabel(actor),
      },
      select: EXPORT_SELECT,
    });
    if (options.queue) {
      // Enqueued in this transaction: the job exists if and only if the export does.
      row.jobId = await sendJob(exportJob, { exportId: row.id, actor }, jobsInTransaction(tx));
      await tx.export.update({ where: { id: row.id }, data: { jobId: row.jobId } });
    }
    await recordAudit(tx, actor, { type: "export.created", target: { type: "export", id: row.id }, after: { recipeName: row.recipeName, recipeVersion: row.recipeVersion, recipe } });
    return toExport(row);
  });
}

/** Queues an export for the workers; returns at once with the export to poll. */
export async function startExport(actor: TActor, input: z.input<typeof ZCreateExport>): Promise<TExport> {
  return createExport(actor, input, { queue: true });
}

/** A new export with the same recipe (and saved-recipe version) as an earlier one. */
export async function rerunExport(actor: TActor, exportId: number): Promise<TExport> {
  const earlier = await getExport(actor, exportId);
  const input = earlier.recipeName ? { recipeName: earlier.recipeName, recipeVersion: earlier.recipeVersion ?? undefined } : { recipe: earlier.recipe };
  return startExport(actor, input);
}

export async function getExport(actor: TActor, exportId: number): Promise<TExport> {
  assertCan(actor, "trajectories:read");
  const row = await prisma().export.findUnique({ where: { id: exportId }, select: EXPORT_SELECT });
  if (!row) throw new NotFoundError(`no export ${exportId}`);
  return toExport(row);
}

export async function listExports(actor: TActor, limit = 100): Promise<TExport[]> {
  assertCan(actor, "trajectories:read");
  const rows = await prisma().export.findMany({ orderBy: { id: "desc" }, take: limit, select: EXPORT_SELECT });
  return rows.map(toExport);
}

export async function cancelExport(actor: TActor, exportId: number): Promise<TExport> {
  assertCan(actor, "exports:create");
  await inTransaction(async (tx) => {
    const running = await tx.export.findFirst({ where: { id: exportId, state: { in: ["queued", "running"] } }, select: { jobId: true } });
    const updated = await tx.export.updateMany({ where: { id: exportId, state: { in: ["queued", "running"] } }, data: { state: "cancelled", finishedAt: new Date() } });
    if (updated.count === 0) {
      await getExport(actor, exportId); // 404 if it does not exist
      throw new UserFacingError(`export ${exportId} is not running`);
    }
    // The job ends too (a queued one never starts); a running one sees the cancel at its next batch.
    if (running?.jobId) await cancelJob("export", running.jobId, jobsInTransaction(tx));
    await recordAudit(tx, actor, { type: "export.cancelled", target: { type: "export", id: exportId } });
  });
  return getExport(actor, exportId);
}

/** Deletes the files and the record (a running export is cancelled first). */
export async function deleteExport(actor: TActor, exportId: number, storage: ExportStorage = exportStorage()): Promise<void> {
  assertCan(actor, "exports:create");
  const existing = await getExport(actor, exportId);
  await inTransaction(async (tx) => {
    await tx.export.deleteMany({ where: { id: exportId } });
    await recordAudit(tx, actor, { type: "export.deleted", target: { type: "export", id: exportId }, before: { recipeName: existing.recipeName, state: existing.state, files: existing.files } });
  });
  await storage.remove(exportId);
}

/** A finished export's file, as a stream. */
export async function openExportFile(
  actor: TActor,
  exportId: number,
  name: string,
  storage: ExportStorage = exportStorage(),
): Promise<{ stream: Readable; bytes: number; file: TExportedFile; exportId: number }> {
  const found = await getExport(actor, exportId);
  const file = found.files.find((candidate) => candidate.name === name);
  if (found.state !== "finished" || !file) throw new NotFoundError(`export ${exportId} has no file ${name}`);
  const opened = await storage.openReadStream(exportId, name);
  return { ...opened, file, exportId };
}
