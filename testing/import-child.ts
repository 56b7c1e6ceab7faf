/** Runs one import and reports progress on stdout: a test kills it halfway. */
import { systemActor } from "@/lib/access/actor";
import { importFile } from "@/lib/import/import-file";

const file = process.argv[2]!;
await importFile(
  systemActor("killed-test"),
  { filePath: file },
  { onProgress: (progress) => process.stdout.write(`imported ${progress.imported}\n`) },
);
