/**
 * The files of an export and the writer behind each: every chosen mix format
 * gets every record; preference pairs have their own file. Each file is
 * hashed as it is written.
 */
import type { Writable } from "node:stream";
import {
  createConversationsWriter,
  createMessagesWriter,
  createParquetWriter,
  createPreferenceWriter,
  type TRecordWriter,
} from "@/lib/export/writers";
import { HashedFile } from "./hashed-file";
import type { TExportedFile } from "./manifest";
import type { TExportFormat, TRecipe } from "./recipe";
import type { TExportRecord, TPreferencePair } from "./record";

export const FORMAT_FILES: Record<TExportFormat, string> = {
  conversations: "conversations.jsonl",
  messages: "messages.jsonl",
  parquet: "conversations.parquet",
  preference: "preference.jsonl",
};

const MIX_WRITERS: Record<Exclude<TExportFormat, "preference">, (out: Writable, recipe: TRecipe) => TRecordWriter<TExportRecord>> = {
  conversations: (out) => createConversationsWriter(out),
  messages: (out, recipe) => createMessagesWriter(out, { reasoningAs: recipe.reasoningAs }),
  parquet: (out) => createParquetWriter(out),
};

export type TOpenFile<T> = {
  name: string;
  hashed: HashedFile;
  write(value: T): Promise<void>;
  close(): Promise<TExportedFile>;
};

function openFile<T>(name: string, format: string, target: Writable, create: (out: Writable) => TRecordWriter<T>): TOpenFile<T> {
  const hashed = new HashedFile(target);
  const writer = create(hashed.stream);
  let records = 0;
  return {
    name,
    hashed,
    async write(value) {
      records += 1;
      await writer.write(value);
    },
    async close() {
      await writer.close();
      return { name, format, records, ...(await hashed.finished()) };
    },
  };
}

export function openMixWriters(recipe: TRecipe, target: (name: string) => Writable): TOpenFile<TExportRecord>[] {
  return recipe.formats
    .filter((format): format is Exclude<TExportFormat, "preference"> => format !== "preference")
    .map((format) => openFile(FORMAT_FILES[format], format, target(FORMAT_FILES[format]), (out) => MIX_WRITERS[format](out, recipe)));
}

export function openPairWriter(recipe: TRecipe, target: (name: string) => Writable): TOpenFile<TPreferencePair> {
  return openFile(FORMAT_FILES.preference, "preference", target(FORMAT_FILES.preference), (out) =>
    createPreferenceWriter(out, { reasoningAs: recipe.reasoningAs }),
  );
}
