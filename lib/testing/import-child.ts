/** Runs one import and reports progress on stdout: a test kills it halfway. */
import { importFile } from "@/lib/import/import-file";

const file = process.argv[2]!;
await importFile(
  { filePath: file, importedBy: "killed-test" },
  { onProgress: (progress) => process.stdout.write(`imported ${progress.imported}\n`) },
);
