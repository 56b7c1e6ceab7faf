import path from "node:path";
import { assertCan, type TActor } from "@/lib/access/actor";
import { detectFormat, readTrajectories, taskFromFileName } from "@/lib/formats";
import type { TFormatName } from "@/lib/formats/types";
import { prepareTrajectory } from "./prepare-trajectory";

/** How many records a preview shows. */
export const PREVIEW_RECORDS = 10;

export type TPreviewRow =
  | { kind: "record"; line: number | null; record: number; externalId: string; task: string; steps: number; formatErrors: number; reward: number | null }
  | { kind: "error"; line: number | null; record: number; message: string };

export type TImportPreview = { format: string; rows: TPreviewRow[] };

/**
 * The first records of a file as the import would read them (format, task,
 * steps, reward, or the error that would skip a record), without storing
 * anything: the import form shows it before the upload is committed.
 */
export async function previewFile(
  actor: TActor,
  input: { filePath: string; fileName?: string; format?: TFormatName | "auto"; task?: string; kind?: "agent" | "general" },
  limit = PREVIEW_RECORDS,
): Promise<TImportPreview> {
  assertCan(actor, "datasets:import");
  const fileName = input.fileName ?? path.basename(input.filePath);
  const detected = await detectFormat(input.filePath, input.format ?? "auto", fileName);
  const kind = input.kind ?? (detected.format === "sharegpt" ? "general" : "agent");
  const defaults = { task: input.task, kind, fileTask: taskFromFileName(fileName) };
  const rows: TPreviewRow[] = [];
  for await (const item of readTrajectories(input.filePath, detected)) {
    if (item.kind === "error") {
      rows.push({ kind: "error", line: item.value.line, record: item.value.record, message: item.value.message });
    } else if (item.value.turns.length === 0) {
      rows.push({ kind: "error", line: item.value.line, record: item.value.record, message: "the conversation is empty" });
    } else {
      const prepared = prepareTrajectory(item.value, defaults);
      rows.push({
        kind: "record",
        line: prepared.line,
        record: prepared.record,
        externalId: prepared.externalId,
        task: prepared.task,
        steps: prepared.parsed.stepCount,
        formatErrors: prepared.parsed.formatErrorCount,
        reward: prepared.reward,
      });
    }
    if (rows.length >= limit) break;
  }
  return { format: detected.format, rows };
}
