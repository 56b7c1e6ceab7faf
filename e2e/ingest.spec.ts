import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { importViaApi } from "./support/api-import";

/**
 * Live ingestion against the built server: a body larger than the 10 MB Next.js
 * buffers for its proxy arrives whole (each of its lines is stored), a retried
 * push adds nothing, and the dataset's page counts what was pushed.
 */
const run = Date.now().toString(36);

function chatRun(id: string, padding: number) {
  return { id: `${run}-${id}`, messages: [{ role: "user", content: `Summarise report ${id}.` }, { role: "assistant", content: `Summary: ${"x".repeat(padding)}` }] };
}

test("a 12 MB push is stored line by line, a retried push adds nothing, and the dataset counts it", async ({ page }) => {
  const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify(chatRun(String(i), 1 << 20)));
  const body = `${lines.join("\n")}\n`;
  expect(body.length).toBeGreaterThan(12 << 20);
  const push = () => page.request.post(`/api/v1/ingest?dataset=live-${run}`, { data: body, headers: { "content-type": "application/x-ndjson" }, timeout: 120_000 });

  const first = await push();
  expect(first.status()).toBe(200);
  // It skips the proxy (which would cut the body at 10 MB), and keeps a content security policy.
  expect(first.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  const report = await first.json();
  expect(report.records.map((record: { status: string }) => record.status)).toEqual(Array(12).fill("imported"));
  expect(report).toMatchObject({ imported: 12, errors: 0, dataset: { name: `live-${run}`, created: true } });

  const again = await (await push()).json();
  expect(again).toMatchObject({ imported: 0, duplicates: 12, errors: 0 });

  await page.goto("/");
  const row = page.getByTestId(`dataset-live-${run}`);
  await expect(row.getByTestId("trajectory-count")).toHaveText("12");
  await expect(row).toContainText("(live ingestion)");
  await expect(row).toContainText("12 duplicates");
});

test("a file upload over 10 MB reaches the importer whole", async ({ page }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-ingest-")), `upload-${run}.jsonl`);
  writeFileSync(file, Array.from({ length: 12 }, (_, i) => JSON.stringify(chatRun(`upload-${i}`, 1 << 20))).join("\n") + "\n");
  const report = await importViaApi(page.request, file, { dataset: `upload-${run}` });
  expect(report).toMatchObject({ imported: 12 });
  expect((report as unknown as { errors: unknown[] }).errors).toEqual([]);
});
