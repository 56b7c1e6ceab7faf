import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE, E2E_ENV } from "../playwright.config";
import { importViaApi } from "./support/api-import";
import { e2eDatabase } from "./support/database";
import { addMember } from "./support/team";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens";
const run = Date.now().toString(36);
const TEST_SET = `jobs-bench-${run}`;

/**
 * Enough accepted data that an export runs for seconds (the e2e server writes
 * exports one trajectory per round trip), so the page can be watched and a job
 * cancelled while it runs; kept small, as the server-action guard fingerprints
 * every table.
 */
test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(240_000);
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const demo = await writeDemoFiles(mkdtempSync(path.join(tmpdir(), "e2e-jobs-")), { seed: 47, perTask: 40, quirks: false, generalRows: 300 });
  const ids: number[] = [];
  for (const file of demo.files.filter((f) => f.kind === "agent")) {
    const report = await importViaApi(api, file.path, { dataset: `jobs-${run}-${file.name}`, kind: file.kind });
    ids.push(report.dataset!.id);
  }
  for (const file of demo.files.filter((f) => f.kind === "general")) await importViaApi(api, file.path, { dataset: `jobs-${run}-${file.name}`, kind: file.kind });
  // A test set for the check started from the UI.
  const testSet = demo.files.find((f) => f.kind === "testset")!;
  const query = new URLSearchParams({ fileName: path.basename(testSet.path), name: TEST_SET, task: "mixed", field: "question" });
  const imported = await api.post(`/api/v1/testsets?${query}`, { data: readFileSync(testSet.path), headers: { "content-type": "application/octet-stream" } });
  expect(imported.status(), await imported.text()).toBe(201);
  const job = await api.post("/api/v1/bulk-actions", { data: { filter: ids.map((id) => `dataset=${id}`).join("&"), decision: "accepted" } });
  expect(job.status()).toBe(202);
  const { id } = await job.json();
  await expect.poll(async () => (await (await api.get(`/api/v1/bulk-actions/${id}`)).json()).state, { timeout: 120_000 }).toBe("done");
  await api.dispose();
});

/** Starts an export of the default recipe from the form; returns its id. */
async function startExportFromUi(page: Page): Promise<number> {
  await page.goto("/exports/new");
  await expect(page.getByTestId("preview-status")).toHaveText("up to date", { timeout: 30_000 });
  await page.getByRole("button", { name: "Run export" }).click();
  await expect(page).toHaveURL(/\/exports\/\d+$/);
  return Number(page.url().split("/").pop());
}

/** The /jobs row of an export's job (found by its result link). */
function jobRow(page: Page, exportId: number) {
  return page.locator('[data-testid^="job-row-"]').filter({ has: page.getByRole("link", { name: `export ${exportId}`, exact: true }) });
}

/**
 * Holds every export at a point of its run until released, so a spec can watch a running export whatever
 * the machine's speed (a fast one finished the whole export while the page loaded): a lock on `export_items`
 * stops the draw (the job is running, no samples yet), one on `audit_events` stops the last step (every
 * sample written, the export not yet finished). Readers are not blocked.
 */
async function holdExports(table: "export_items" | "audit_events" | "contamination_trajectory_results") {
  const client = await e2eDatabase();
  await client.query("begin");
  await client.query(`lock table ${table} in share mode`);
  return { release: async () => void (await client.query("commit"), await client.end()) };
}

let watched = 0;

test("an export started from the UI shows on /jobs with live progress and ETA, then done with a link to it", async ({ page }) => {
  test.setTimeout(180_000);
  const draw = await holdExports("export_items");
  watched = await startExportFromUi(page);
  // The export's own page follows it through the shared job progress.
  await expect(page.getByTestId("export-progress")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  const row = jobRow(page, watched);
  await expect(row.getByTestId("job-state")).toHaveText("running", { timeout: 30_000 });
  // Progress on the open page (no reload): counts in the kind's unit while it runs (the ETA, once two
  // readings are a second apart, is checked in components/jobs/job-progress.test.ts), then all of them.
  const finish = await holdExports("audit_events");
  await draw.release();
  const counts = row.getByTestId("job-counts");
  await expect(counts).toHaveText(/^[\d,]+ \/ [\d,]+ samples( · (about .+ left|finishing))?$/, { timeout: 15_000 });
  await expect(row.getByTestId("job-state")).toHaveText("running");
  await page.screenshot({ path: `${SHOTS}/jobs-running.png`, fullPage: true });
  await expect(row.getByRole("progressbar")).toBeVisible();
  await expect(row).toContainText("ada@e2e.test");

  await finish.release();
  await expect(row.getByTestId("job-state")).toHaveText("done", { timeout: 120_000 });
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(counts).toHaveText(/^([\d,]+) \/ \1 samples$/);
  await expect(row).toContainText(/took \d/);
  await expect(row.getByRole("button", { name: /Cancel|Retry/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/jobs-done.png`, fullPage: true });
  await row.getByRole("link", { name: `export ${watched}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/exports/${watched}$`));
  await expect(page.getByTestId("export-state")).toHaveText("finished");
});

test("filters by kind and state live in the URL", async ({ page }) => {
  await page.goto("/jobs");
  await page.getByLabel("State").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/jobs\?kind=&state=failed$/);
  await expect(jobRow(page, watched)).toHaveCount(0);
  await page.goto("/jobs?kind=export&state=done");
  await expect(page.getByLabel("Kind")).toHaveValue("export");
  await expect(page.getByLabel("State")).toHaveValue("done");
  await expect(jobRow(page, watched)).toBeVisible();
  // A bad filter is named, not a server error.
  await page.goto("/jobs?state=sleeping");
  await expect(page.getByTestId("jobs-filter-error")).toContainText("state");
});

test("cancel and retry are offered to those allowed; a viewer sees no buttons and is refused by the API", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const viewer = await addMember(page, browser, `jobs-viewer-${run}@e2e.test`, "viewer");
  const draw = await holdExports("export_items");
  const exportId = await startExportFromUi(page);
  // Cancelled at once from the export's page (the shared progress component), while it is queued or running.
  await page.getByTestId("export-progress").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("export-state")).toHaveText("cancelled", { timeout: 10_000 });
  await draw.release();
  await page.goto("/jobs");
  const row = jobRow(page, exportId);
  await expect(row.getByTestId("job-state")).toHaveText("cancelled");
  await expect(row.getByRole("button", { name: "Retry" })).toBeVisible();

  await viewer.goto("/jobs");
  const seen = jobRow(viewer, exportId);
  await expect(seen.getByTestId("job-state")).toHaveText("cancelled");
  await expect(viewer.getByRole("button", { name: /Cancel|Retry/ })).toHaveCount(0);
  const jobId = (await seen.getAttribute("data-testid"))!.replace("job-row-", "");
  expect((await viewer.request.post(`/api/v1/jobs/${jobId}/retry`)).status()).toBe(403);
  expect((await viewer.request.post(`/api/v1/jobs/${jobId}/cancel`)).status()).toBe(403);

  await row.getByRole("button", { name: "Retry" }).click();
  await expect(row.getByTestId("job-state")).toHaveText(/queued|running/);
  await expect(row.getByTestId("job-state")).toHaveText("done", { timeout: 120_000 });
  await page.goto(`/exports/${exportId}`);
  await expect(page.getByTestId("export-state")).toHaveText("finished");
});

/** The worker `npm start` (scripts/start.ts) runs now, from its pid file. */
const workerPid = () => Number(readFileSync(path.join(E2E_ENV.TS_DATA_DIR, "worker.pid"), "utf8").trim());

/** The /jobs rows of a check's range jobs (found by their result link). */
function checkRows(page: Page, runId: number) {
  return page.locator('[data-testid^="job-row-"]').filter({ has: page.getByRole("link", { name: `contamination_run ${runId}`, exact: true }) });
}

test("an export and a check started from the UI survive a SIGKILLed worker: npm start starts a new one and both finish", async ({ page }) => {
  test.setTimeout(150_000);
  // Held where each surely runs: the export before its draw, the check's first range at its commit.
  const draw = await holdExports("export_items");
  const commit = await holdExports("contamination_trajectory_results");
  const exportId = await startExportFromUi(page);
  await page.goto("/contamination");
  const option = await page.getByLabel("Test set", { exact: true }).locator("option", { hasText: TEST_SET }).textContent();
  await page.getByLabel("Test set", { exact: true }).selectOption({ label: option! });
  await page.getByRole("button", { name: "Run check" }).click();
  await expect(page).toHaveURL(/\/contamination\/runs\/\d+/);
  const runId = Number(new URL(page.url()).pathname.split("/").pop());
  // The check's page follows it through the shared job progress.
  await expect(page.getByTestId("run-progress").getByTestId("job-state")).toHaveText("running", { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/check-running.png`, fullPage: true });

  await page.goto("/jobs");
  await expect(jobRow(page, exportId).getByTestId("job-state")).toHaveText("running", { timeout: 30_000 });
  const checking = checkRows(page, runId).filter({ has: page.getByTestId("job-state").getByText("running", { exact: true }) });
  await expect(checking).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/jobs-two-running.png`, fullPage: true });

  // Kill the worker mid-job, then let the held statements go: the dead worker's transactions roll back.
  const killed = workerPid();
  process.kill(killed, "SIGKILL");
  await draw.release();
  await commit.release();
  await expect.poll(() => workerPid(), { timeout: 30_000, message: "npm start to start a new worker" }).not.toBe(killed);

  // The engine hands both jobs to the new worker once the dead one's heartbeat lapses; both finish.
  await expect(jobRow(page, exportId).getByTestId("job-state")).toHaveText("done", { timeout: 100_000 });
  await expect(checkRows(page, runId).first()).toBeVisible();
  await expect(checkRows(page, runId).getByTestId("job-state").filter({ hasNotText: "done" })).toHaveCount(0, { timeout: 100_000 });
  await page.screenshot({ path: `${SHOTS}/jobs-recovered.png`, fullPage: true });
  await page.goto(`/exports/${exportId}`);
  await expect(page.getByTestId("export-state")).toHaveText("finished");
  await page.goto(`/contamination/runs/${runId}`);
  await expect(page.getByTestId("run-state")).toHaveText("finished");
  await expect(page.getByTestId("task-table")).toContainText("Total");
});
