import path from "node:path";
import { expect, test } from "@playwright/test";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "os-e2e.jsonl");

test("upload a file, read the import report, see the counts on the home page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Import a file" }).click();
  await expect(page).toHaveURL(/\/import$/);
  await page.getByLabel("Trajectory file").setInputFiles(FIXTURE);
  await page.getByLabel("Dataset name").fill("os e2e");
  await page.getByRole("button", { name: "Import" }).click();

  const report = page.getByRole("region", { name: "Import report" });
  await expect(report).toBeVisible();
  await expect(report.getByTestId("report-imported")).toHaveText("3");
  await expect(report.getByTestId("report-skipped")).toHaveText("2");
  const errors = report.getByTestId("import-errors");
  await expect(errors).toContainText("line 3");
  await expect(errors).toContainText("line 5");
  await expect(errors).toContainText("conversations[1].value");
  await page.screenshot({ path: "test-results/screens/import-report.png", fullPage: true });

  await page.getByRole("link", { name: "Overview" }).click();
  const row = page.getByTestId("dataset-os e2e");
  await expect(row.getByTestId("trajectory-count")).toHaveText("3");
  await expect(row.getByTestId("count-os e2e-os")).toContainText("3");
  await expect(page.getByTestId("progress-os")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/home.png", fullPage: true });
});

test("importing the same file again says so and adds nothing", async ({ page }) => {
  await page.goto("/import");
  await page.getByLabel("Trajectory file").setInputFiles(FIXTURE);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-message")).toContainText('already imported as dataset "os e2e"');
  await expect(page.getByTestId("report-imported")).toHaveText("0");
});

test("a file in no known format gets a clear error", async ({ page }) => {
  await page.goto("/import");
  await page.getByLabel("Trajectory file").setInputFiles({ name: "notes.jsonl", mimeType: "text/plain", buffer: Buffer.from('{"hello": "world"}\n') });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot detect" })).toContainText(/cannot detect the format of notes\.jsonl: the first record has keys hello/);
});

test("health answers without authentication", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { ok: true } });
  expect(body.database.migrations).toBeGreaterThan(0);
});

test("the import API names a bad parameter", async ({ request }) => {
  const response = await request.post("/api/v1/imports?fileName=x.jsonl&format=csv", { data: "{}" });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.code).toBe("invalid_parameters");
  expect(body.error.message).toMatch(/^format:/);
});
