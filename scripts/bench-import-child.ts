/** The measured side of bench-import: one import, then its figures as JSON. */
import { closeDb } from "../lib/db/client";
import { systemActor } from "../lib/access/actor";
import { importFile } from "../lib/import/import-file";

const report = await importFile(
  systemActor("bench"),
  { filePath: process.argv[2]! },
  { onProgress: (p) => process.stderr.write(`\r${((100 * p.bytesRead) / p.totalBytes).toFixed(0)}% ${p.imported} imported`) },
);
await closeDb();
process.stderr.write("\n");
console.log(JSON.stringify({ imported: report.imported, turns: report.turns, errors: report.errorCount, firstError: report.errors[0]?.message ?? null, durationMs: report.durationMs, maxRssKb: process.resourceUsage().maxRSS }));
