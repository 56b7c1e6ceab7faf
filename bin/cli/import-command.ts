import { parseArgs } from "node:util";
import { z } from "zod";
import { importFile, where } from "@/lib/import/import-file";
import { IMPORT_FORMATS, type TImportReport } from "@/lib/import/options";
import { cliActor } from "./actor";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const importCommand: TCommand = {
  usage:
    "import <file>... [--format auto|agentinstruct|sharegpt|openai|agentbench|fireact|alpaca] [--dataset NAME] [--task TASK]\n" +
    "         [--kind agent|general] [--source-model M] [--origin O] [--strict] [--json]",
  summary: "import trajectory files (JSONL, JSON, parquet); each file becomes one dataset",
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
      },
    });
    if (positionals.length === 0) throw new UsageError("import: name at least one file");
    if (values.dataset && positionals.length > 1) throw new UsageError("--dataset names one dataset: import one file at a time with it");
    const format = z.enum(IMPORT_FORMATS).safeParse(values.format);
    if (!format.success) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(", ")}`);

    const actor = await cliActor(as);
    let exitCode = 0;
    for (const filePath of positionals) {
      const progress = values.json || !process.stderr.isTTY ? undefined : showProgress;
      const report = await importFile(
        actor,
        {
          filePath,
          format: format.data,
          datasetName: values.dataset,
          task: values.task,
          kind: values.kind as "agent" | "general",
          sourceModel: values["source-model"],
          origin: values.origin as "unknown" | undefined,
          strict: values.strict,
        },
        { onProgress: progress },
      );
      if (progress) process.stderr.write("\n");
      process.stdout.write(values.json ? `${JSON.stringify(jsonSummary(report))}\n` : humanSummary(report));
      if (report.imported === 0 && !report.alreadyImportedAs && report.duplicates === 0) exitCode = 1;
    }
    return exitCode;
  },
};

function showProgress(progress: { bytesRead: number; totalBytes: number; imported: number }) {
  const percent = progress.totalBytes ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 100;
  process.stderr.write(`\r${percent}% read, ${progress.imported} trajectories imported`);
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
