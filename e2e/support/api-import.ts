import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type TDataset = { id: number; name: string };
type TReport = { imported: number; dataset: TDataset | null; alreadyImportedAs: TDataset | null };
type TJob = { state: string; error: string | null; output: { report: TReport } | null };

const ENDED = new Set(["done", "failed", "cancelled"]);

/**
 * Imports a file through the real upload endpoint: it answers 202 with the
 * import job, which the server's worker runs; returns the job's report.
 */
export async function importViaApi(request: APIRequestContext, filePath: string, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ fileName: path.basename(filePath), ...params });
  const response = await request.post(`/api/v1/imports?${query}`, {
    data: readFileSync(filePath),
    headers: { "content-type": "application/octet-stream" },
    timeout: 120_000,
  });
  if (response.status() !== 202) throw new Error(`import of ${filePath} answered ${response.status()}: ${await response.text()}`);
  const { poll } = (await response.json()) as { poll: string };
  const job = await jobWhenEnded(request, poll, 120_000);
  if (job.state !== "done" || !job.output) throw new Error(`import of ${filePath} ended ${job.state}: ${job.error ?? "no report"}`);
  const report = job.output.report;
  // A file imported by an earlier run (a retried worker) answers with the dataset it went to.
  return { ...report, dataset: report.dataset ?? report.alreadyImportedAs };
}

async function jobWhenEnded(request: APIRequestContext, poll: string, timeoutMs: number): Promise<TJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await request.get(poll)).json()) as TJob;
    if (ENDED.has(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`${poll} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
