import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles, type TDemoResult } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";

const SHOTS = "test-results/screens";
let demo: TDemoResult;

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-contamination-"));
  demo = await writeDemoFiles(dir, { seed: 7, perTask: 20, quirks: false, generalRows: 10 });
  for (const file of demo.files.filter((f) => f.kind !== "testset")) {
    await importViaApi(api, file.path, { dataset: `contamination-${file.name}`, kind: file.kind });
  }
  await api.dispose();
});

test("run a contamination check from the UI and follow a dirty item to its trajectory", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/contamination");
  await expect(page.getByRole("heading", { name: "Contamination", level: 1 })).toBeVisible();

  // Upload the test set: the preview proposes the `question` field.
  const testFile = demo.files.find((f) => f.kind === "testset")!;
  await page.getByLabel("Test set file").setInputFiles(testFile.path);
  await expect(page.getByRole("checkbox", { name: /question/ })).toBeChecked();
  await page.getByLabel("Name").fill("e2e-bench");
  await page.getByLabel("Task", { exact: true }).fill("mixed");
  await page.screenshot({ path: `${SHOTS}/contamination-upload.png`, fullPage: true });
  await page.getByRole("button", { name: "Import test set" }).click();
  await expect(page.getByRole("status")).toContainText('Imported "e2e-bench": 60 items');
  await expect(page.getByTestId("testsets")).toContainText("e2e-bench");

  // The form: tokenizer, and the training datasets with their kind (agent ones picked, general data off).
  await page.getByLabel("Test set", { exact: true }).selectOption({ label: "e2e-bench (60 items)" });
  const form = page.getByTestId("run-form");
  await expect(form.getByLabel("Tokenizer")).toHaveValue("word");
  await expect(form.getByLabel("dataset contamination-demo-os")).toBeChecked();
  await expect(form.getByLabel("dataset contamination-demo-general-sharegpt")).not.toBeChecked();
  await form.getByLabel("also check general data").check();
  await expect(form.getByLabel("dataset contamination-demo-general-sharegpt")).toBeChecked();
  await form.getByLabel("also check general data").uncheck();
  await expect(form.getByTestId("dataset-picker")).toContainText("general");
  await form.screenshot({ path: `${SHOTS}/contamination-run-form.png` });

  // Run the check and watch its progress until it finishes.
  await page.getByRole("button", { name: "Run check" }).click();
  await expect(page).toHaveURL(/\/contamination\/runs\/\d+/);
  await expect(page.getByTestId("run-progress")).toContainText("trajectories");
  await expect(page.getByTestId("run-state")).toHaveText("finished", { timeout: 120_000 });

  // The report names its parameters and the datasets it compared.
  await expect(page.getByTestId("run-params")).toContainText("word tokens");
  await expect(page.getByTestId("run-datasets")).toContainText("contamination-demo-os (agent)");
  await expect(page.getByTestId("run-datasets")).not.toContainText("general-sharegpt");

  // The report: per-task table with a total row, downloads, dirty items with their trajectories.
  const table = page.getByTestId("task-table");
  await expect(table).toContainText("Total");
  await expect(table.getByRole("row").last()).toContainText("60");
  const csv = await page.request.get(page.url().replace(/\?.*$/, "").replace("/contamination/runs/", "/api/v1/contamination/runs/") + "/report?format=csv");
  expect(await csv.text()).toMatch(/^task,contamination_rate_pct,clean,dirty,examples\n/);
  await expect(page.getByTestId("templates")).not.toBeEmpty();
  await page.screenshot({ path: `${SHOTS}/contamination-report.png`, fullPage: true });

  const verbatim = demo.testLabels.find((l) => l.kind === "verbatim")!;
  await page.getByRole("navigation", { name: "Item labels" }).getByRole("link", { name: /^dirty/ }).click();
  const row = page.getByTestId(`item-${verbatim.id}`);
  await expect(row).toContainText("dirty");
  // Other specs' datasets may hold the same leaked item: follow a match from this spec's own dataset.
  const link = row.getByRole("link").filter({ hasText: "contamination-demo-" }).first();
  await expect(link).toContainText("contamination-demo-");
  const trajectoryId = /\/trajectories\/(\d+)/.exec((await link.getAttribute("href"))!)![1]!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${trajectoryId}`));

  // The replay highlights the matched words; a click shows the test item they match.
  const panel = page.getByTestId("contamination-panel");
  await expect(panel).toBeVisible();
  await panel.getByTestId("contamination-span").first().click();
  await expect(panel.getByTestId("contamination-items")).toContainText(verbatim.id);
  await page.screenshot({ path: `${SHOTS}/contamination-replay.png`, fullPage: true });
  const spans = await (await page.request.get(`/api/v1/contamination/spans/${trajectoryId}`)).json();
  const matched = spans.turns.flatMap((t: { spans: { testItemIds: string[] }[] }) => t.spans);
  expect(matched.some((s: { testItemIds: string[] }) => s.testItemIds.includes(verbatim.id))).toBe(true);
});
