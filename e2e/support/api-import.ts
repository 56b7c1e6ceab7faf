import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type TDataset = { id: number; name: string };

/** Imports a file through the real upload endpoint and returns its final report line. */
export async function importViaApi(request: APIRequestContext, filePath: string, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ fileName: path.basename(filePath), ...params });
  const response = await request.post(`/api/v1/imports?${query}`, {
    data: readFileSync(filePath),
    headers: { "content-type": "application/octet-stream" },
    timeout: 120_000,
  });
  const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
  const last = lines.at(-1);
  if (last?.type !== "report") throw new Error(`import of ${filePath} failed: ${JSON.stringify(last)}`);
  const report = last.report as { imported: number; dataset: TDataset | null; alreadyImportedAs: TDataset | null };
  // A file imported by an earlier run (a retried worker) answers with the dataset it went to.
  return { ...report, dataset: report.dataset ?? report.alreadyImportedAs };
}
