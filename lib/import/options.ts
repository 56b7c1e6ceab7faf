import path from "node:path";
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import type { Dataset } from "@/lib/generated/prisma/client";
import { DatasetKind } from "@/lib/generated/prisma/enums";
import type { TFormatName } from "@/lib/formats/types";

export const IMPORT_FORMATS = [
  "auto", "agentinstruct", "sharegpt", "openai", "agentbench", "fireact", "alpaca", "anthropic", "sharegpt-tools", "sweagent",
] as const satisfies readonly ("auto" | TFormatName)[];

export const ZImportOptions = z.object({
  filePath: z.string().min(1),
  /** The name the user knows the file by (uploads are stored under a temporary name). */
  fileName: z.string().min(1).optional(),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  datasetName: z.string().trim().min(1).max(200).optional(),
  task: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, "task must be a short name of letters, digits, _ . or - (e.g. os, db, hotpotqa)")
    .optional(),
  kind: z.enum(DatasetKind).optional(),
  sourceModel: z.string().trim().min(1).max(100).optional(),
  origin: z.enum(["task-derivation", "self-instruct", "human-demo", "unknown"]).optional(),
  /** Fail the whole import on the first bad record instead of skipping it. */
  strict: z.boolean().default(false),
  isDemo: z.boolean().default(false),
});
export type TImportOptions = z.input<typeof ZImportOptions>;

export type TImportProgress = { bytesRead: number; totalBytes: number; imported: number; skipped: number };

export type TImportError = { line: number | null; record: number; message: string };

/** Why a record was not stored: its conversation (task, roles, raw texts) is already stored. */
export const DUPLICATE_REASONS = { same: "same content", otherLossFlags: "same content, other loss flags" } as const;
export type TDuplicateReason = (typeof DUPLICATE_REASONS)[keyof typeof DUPLICATE_REASONS];
export type TDuplicateRecord = { line: number | null; record: number; externalId: string; storedId: string | null; reason: TDuplicateReason };

/** The dataset an import wrote, or the one that already holds the same file. */
type TDatasetRef = Pick<Dataset, "id" | "name">;

export type TImportReport = {
  dataset: TDatasetRef | null;
  file: string;
  format: string | null;
  imported: number;
  turns: number;
  duplicates: number;
  /** Of the duplicates, those whose stored twin has other loss flags (e.g. a release without them). */
  duplicatesOtherLossFlags: number;
  /** The first duplicates, each naming its line (or record), the stored trajectory and the reason. */
  duplicateRecords: TDuplicateRecord[];
  skipped: number;
  /** The first errors, each naming its line (or record) and field. */
  errors: TImportError[];
  errorCount: number;
  /** Set when the very same file (same sha256) was imported before. */
  alreadyImportedAs: TDatasetRef | null;
  message: string;
  durationMs: number;
};

/** A problem with the request itself (bad flag, missing file, name taken). */
export class ImportRequestError extends UserFacingError {}

export function datasetNameFromFile(fileName: string): string {
  return path.basename(fileName).replace(/\.(jsonl?|parquet|json\.gz)$/i, "") || "dataset";
}
