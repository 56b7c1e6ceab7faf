import { createReadStream } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { importFile, where } from "@/lib/import/import-file";
import { IMPORT_FORMATS, ImportRequestError, type TImportOptions, type TImportReport } from "@/lib/import/options";
import { queueImport } from "@/lib/import/queue-import";
import { readJob } from "@/lib/job-kinds/wait";
import type { TActor } from "@/lib/access/actor";
import { cliActor } from "./actor";
import { followJob } from "./follow-job";
import { ProgressOutput } from "./progress-output";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const importCommand: TCommand = {
  usage:
    `import <file>... [--format ${IMPORT_FORMATS.join("|")}] [--dataset NAME] [--task TASK]\n` +
    "         [--kind agent|general] [--source-model M] [--origin O] [--strict] [--queue] [--json]",
  summary: "import trajectory files (JSONL, JSON, parquet); each file becomes one dataset; --queue: let the workers import it and wait",
  async run(args, as) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "auto" },
        dataset: { type: "string" },
        task: { type: "string" },
        kind: { type: "string" },
        "source-model": { type: "string" },
        origin: { type: "string" },
        strict: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        queue: { type: "boolean", default: false },
      },
    });
    if (positionals.length === 0) throw new UsageError("import: name at least one file");
    if (values.dataset && positionals.length > 1) throw new UsageError("--dataset names one dataset: import one file at a time with it");
    const format = z.enum(IMPORT_FORMATS).safeParse(values.format);
    if (!format.success) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(", ")}`);

    const actor = await cliActor(as);
    let exitCode = 0;
    for (const filePath of positionals) {
      const options = {
        filePath,
        format: format.data,
        datasetName: values.dataset,
        task: values.task,
        kind: values.kind as "agent" | "general",
        sourceModel: values["source-model"],
        origin: values.origin as "unknown" | undefined,
        strict: values.strict,
      };
      // By default the import runs here, in this process; --queue hands it to the workers and waits.
      const report = values.queue ? await importQueued(actor, options, values.json) : await importHere(actor, options, values.json);
      if (!report) {
        exitCode = 1;
        continue;
      }
      process.stdout.write(values.json ? `${JSON.stringify(jsonSummary(report))}\n` : humanSummary(report));
      if (report.imported === 0 && !report.alreadyImportedAs && report.duplicates === 0) exitCode = 1;
    }
    return exitCode;
  },
};

async function importHere(actor: TActor, options: TImportOptions, json: boolean): Promise<TImportReport> {
  // Bytes read, like a queued import's job (JSON lines would mix with the report's line, so a bar on a terminal only).
  const output = new ProgressOutput({ json: false, tty: !json && Boolean(process.stderr.isTTY) });
  const onProgress = (progress: { bytesRead: number; totalBytes: number }) =>
    output.update({ kind: "import", id: null, state: "running", done: progress.bytesRead, total: progress.totalBytes, unit: "bytes" });
  const report = await importFile(actor, options, { onProgress });
  output.end();
  return report;
}

/** Stores the file for the workers, enqueues its import and follows its job (the shared progress); null when it did not finish. */
async function importQueued(actor: TActor, options: TImportOptions, json: boolean): Promise<TImportReport | null> {
  const { filePath, ...rest } = options;
  const file = createReadStream(filePath);
  const opened = new Promise<void>((resolve, reject) => file.once("open", () => resolve()).once("error", reject));
  await opened.catch(() => {
    throw new ImportRequestError(`cannot read ${filePath}: no such file`);
  });
  const { jobId } = await queueImport(actor, file, { ...rest, fileName: path.basename(filePath) });
  if (json) process.stdout.write(`${JSON.stringify({ event: "queued", job: jobId, file: filePath })}\n`);
  const job = await followJob(readJob(actor, jobId), json);
  const report = (job.output as { report?: TImportReport } | null)?.report;
  if (job.state === "done" && report) return report;
  const message =
    job.state === "failed" ? (job.error ?? `import job ${jobId} failed`) : `import job ${jobId} was cancelled: nothing was stored`;
  const state = job.state === "failed" ? "failed" : "cancelled";
  process.stdout.write(json ? `${JSON.stringify({ event: state, job: jobId, file: filePath, message })}\n` : `${filePath}: ${message}\n`);
  return null;
}

function jsonSummary(report: TImportReport) {
  return {
    dataset: report.dataset?.name ?? null,
    datasetId: report.dataset?.id ?? null,
    file: report.file,
    format: report.format,
    imported: report.imported,
    turns: report.turns,
    duplicates: report.duplicates,
    duplicatesOtherLossFlags: report.duplicatesOtherLossFlags,
    duplicateRecords: report.duplicateRecords,
    skipped: report.skipped,
    errors: report.errors,
    errorCount: report.errorCount,
    alreadyImportedAs: report.alreadyImportedAs?.name ?? null,
    message: report.message,
    durationMs: report.durationMs,
  };
}

function humanSummary(report: TImportReport): string {
  const lines = [`${report.file}: ${report.message}`];
  for (const error of report.errors.slice(0, 20)) lines.push(`  ${where(error)}: ${error.message}`);
  if (report.errorCount > 20) lines.push(`  ... and ${report.errorCount - 20} more (use --json for the first ${report.errors.length})`);
  return `${lines.join("\n")}\n`;
}
