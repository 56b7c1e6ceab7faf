/**
 * The contract between file readers (lib/formats), step parsing (lib/steps) and
 * the importer (lib/import). Readers only normalise containers; they never
 * interpret the content of a turn.
 */

import type { TRawTurn, TToolDeclaration } from "@/lib/steps/types";

/** Declared in lib/steps (step checks validate calls against it), part of the readers' output. */
export type { TToolDeclaration };

export type TNormalizedTrajectory = {
  /** Where the record starts, for error messages: 1-based line for line-based
   *  files, otherwise null. */
  line: number | null;
  /** 1-based position of the record in the file (row, element or key). */
  record: number;
  externalId: string | null;
  /** Task named or implied by the record (e.g. id `os_12` → `os`); null if unknown. */
  task: string | null;
  sourceModel: string | null;
  /** task-derivation, self-instruct, human-demo; null if the file does not say. */
  origin: string | null;
  /** Reward in [0, 1] where the format stores one, else null. */
  reward: number | null;
  success: boolean | null;
  /** The run's end state, e.g. AgentBench `output.status`. */
  runStatus: string | null;
  turns: TRawTurn[];
  /** Every other field of the record worth keeping (gt, pred, em, f1, ...). */
  metadata: Record<string, unknown>;
  /** Tool-calling files: the declared tools, normalised to the OpenAI function shape
   *  `{ type: "function", function: { name, description?, parameters? } }`; absent or null when none are declared. */
  tools?: TToolDeclaration[] | null;
};

/** A record that could not be read: named by line (or record) and field. */
export type TReadError = { line: number | null; record: number; message: string };

export type TReadItem =
  | { kind: "trajectory"; value: TNormalizedTrajectory }
  | { kind: "error"; value: TReadError };

export type TReadOptions = {
  /** Called with the number of bytes of the file consumed so far. */
  onProgress?: (bytesRead: number) => void;
  /** The name the user knows the file by, for messages (uploads live under a temporary name). */
  fileName?: string;
};

export type TFormatName =
  | "agentinstruct"
  | "sharegpt"
  | "openai"
  | "agentbench"
  | "fireact"
  | "alpaca"
  | "anthropic"
  | "sharegpt-tools"
  | "sweagent";

export interface FormatReader {
  name: TFormatName;
  /** True when the first bytes of the file look like this format. */
  detect(head: THead): boolean;
  /** Streams the file, one normalised trajectory (or error) at a time, in file order. */
  read(filePath: string, options?: TReadOptions): AsyncIterable<TReadItem>;
}

/** How records sit in a file. "json-object" is keyed by index (FireAct:
 *  `{"0": {...}, "1": {...}}`); "json-record" is a file holding ONE record as
 *  its top-level object (ETO writes one JSON file per task). */
export type TContainer = "jsonl" | "json-array" | "json-object" | "json-record" | "parquet";

/** What detection sees: the start of the file, decoded, and the container. */
export type THead = {
  fileName: string;
  container: TContainer;
  /** The first record, parsed, when it could be read from the head; else null. */
  firstRecord: Record<string, unknown> | null;
};
