import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Locator, type Page, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";
import { addMember } from "./support/team";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens";
const run = Date.now().toString(36);
const prefix = `export-${run}-`;
const recipeName = `mix-${run}`;
/** The datasets this spec imported, by demo file name (demo-os, demo-general-sharegpt, ...). */
const datasets = new Map<string, number>();
let firstExport = 0;

/**
 * Its own data (a seed no other spec uses, so nothing is a duplicate): six
 * tasks and 200 ShareGPT rows. The default recipe takes accepted trajectories
 * only, so every agent trajectory of five tasks is accepted first, as a
 * reviewer would with the table's bulk action; mind2web stays pending.
 */
test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const demo = await writeDemoFiles(mkdtempSync(path.join(tmpdir(), "e2e-export-")), { seed: 31, perTask: 30, quirks: false, generalRows: 200 });
  for (const file of demo.files.filter((f) => f.kind !== "testset")) {
    const report = await importViaApi(api, file.path, { dataset: `${prefix}${file.name}`, kind: file.kind });
    datasets.set(file.name, report.dataset!.id);
  }
  const accepted = ["demo-db", "demo-os", "demo-kg", "demo-webshop", "demo-alfworld"].map((name) => `dataset=${datasets.get(name)}`).join("&");
  const job = await api.post("/api/v1/bulk-actions", { data: { filter: accepted, decision: "accepted" } });
  expect(job.status()).toBe(202);
  const { id } = await job.json();
  await expect.poll(async () => (await (await api.get(`/api/v1/bulk-actions/${id}`)).json()).state, { timeout: 60_000 }).toBe("done");
  await api.dispose();
});

/** Keeps only this spec's datasets of one kind ticked. */
async function onlyOurDatasets(group: Locator) {
  await group.getByRole("checkbox", { name: /^All / }).uncheck();
  for (const label of await group.locator("li label").filter({ hasNotText: prefix }).all()) await label.getByRole("checkbox").uncheck();
}

async function settled(page: Page) {
  await expect(page.getByTestId("preview-status")).toHaveText("up to date", { timeout: 15_000 });
}

const total = async (page: Page) => Number((await page.getByTestId("plan-total").textContent())!.replace(/,/g, ""));

test("build a recipe with live counts, save it, run it, download a file and read the manifest", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/exports");
  await expect(page.getByTestId("exports-empty")).toContainText("An export turns the reviewed trajectories into a training set");
  await page.screenshot({ path: `${SHOTS}/exports-empty.png`, fullPage: true });
  await page.getByRole("link", { name: "New export" }).click();
  await expect(page).toHaveURL(/\/exports\/new$/);

  // Sources: this spec's datasets only.
  await onlyOurDatasets(page.getByRole("group", { name: "Agent datasets" }));
  await onlyOurDatasets(page.getByRole("group", { name: "General datasets" }));
  await settled(page);
  // mind2web is all pending: the default (accepted only) leaves it out.
  await expect(page.getByTestId("plan-task-mind2web")).toHaveCount(0);
  await expect(page.getByTestId("plan-task-db")).toBeVisible();
  const atDefaultEta = await total(page);
  expect(atDefaultEta).toBeGreaterThan(0);

  // eta 0.5: as many general samples as agent ones.
  await page.getByLabel("eta", { exact: true }).fill("0.5");
  await settled(page);
  expect(await total(page)).not.toBe(atDefaultEta);
  await expect(page.getByTestId("plan-eta")).toHaveText("0.500");
  const agentWithOs = Number(await page.getByTestId("plan-agent-total").textContent());

  // Untick the os dataset: its row goes, the agent total falls.
  await page.getByRole("group", { name: "Agent datasets" }).locator("li label").filter({ hasText: `${prefix}demo-os` }).getByRole("checkbox").uncheck();
  await settled(page);
  await expect(page.getByTestId("plan-task-os")).toHaveCount(0);
  expect(Number(await page.getByTestId("plan-agent-total").textContent())).toBeLessThan(agentWithOs);

  // A bad value is named next to its field and above the preview.
  await page.getByLabel("eta", { exact: true }).fill("0");
  await expect(page.getByTestId("preview-error")).toContainText("eta must be above 0");
  await expect(page.getByTestId("section-size").getByTestId("field-error")).toContainText("eta");
  await page.getByLabel("eta", { exact: true }).fill("0.5");

  // A total of 60 samples, split by the recipe's shares (prefilled with the method's).
  await expect(page.getByTestId("natural-note")).toBeVisible();
  await page.getByRole("radio", { name: /A total of/ }).check();
  await page.getByLabel("Total samples").fill("60");
  await expect(page.getByTestId("natural-note")).toHaveCount(0);
  await expect(page.getByLabel("Share of db (%)")).toHaveValue("28.8");
  await settled(page);
  await expect(page.getByTestId("plan-total")).toHaveText("60");
  await expect(page.getByTestId("plan-agent-total")).toHaveText("30");
  const dbSamples = page.getByTestId("plan-task-db").getByRole("cell").nth(3);
  const dbBefore = Number(await dbSamples.textContent());
  await page.getByLabel("Share of db (%)").fill("60");
  await settled(page);
  expect(Number(await dbSamples.textContent())).toBeGreaterThan(dbBefore);
  await page.getByRole("button", { name: "Reset to the method's shares" }).click();
  await settled(page);
  await expect(dbSamples).toHaveText(String(dbBefore));

  // Save (v1), change the seed, save again (v2): the form runs the saved version.
  await page.getByLabel("Seed").fill("7");
  await page.getByLabel("Recipe name").fill(recipeName);
  await page.getByRole("button", { name: "Save recipe" }).click();
  await expect(page.getByTestId("recipe-message")).toHaveText(`Saved as ${recipeName} v1`);
  await page.getByLabel("Seed").fill("8");
  await expect(page.getByTestId("run-what")).toContainText(`Changed since ${recipeName} v1`);
  await page.getByRole("button", { name: "Save recipe" }).click();
  await expect(page.getByTestId("recipe-message")).toHaveText(`Saved as ${recipeName} v2`);
  await expect(page.getByTestId("run-what")).toContainText(`Runs the saved recipe ${recipeName} v2`);
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0)); // the preview is sticky: a full-page shot from lower down moves it
  await page.screenshot({ path: `${SHOTS}/exports-new.png`, fullPage: true });

  // The recipe as a file for the CLI.
  const [recipeFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download recipe JSON" }).click()]);
  expect(recipeFile.suggestedFilename()).toBe(`${recipeName}.json`);
  const downloaded = JSON.parse(readFileSync((await recipeFile.path())!, "utf8"));
  expect(downloaded).toMatchObject({ seed: 8, eta: 0.5, size: { mode: "total", total: 60 } });

  // Run it and follow the progress to the end.
  await page.getByRole("button", { name: "Run export" }).click();
  await expect(page).toHaveURL(/\/exports\/\d+$/);
  firstExport = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Export ${firstExport}: ${recipeName} v2`);
  await expect(page.getByTestId("export-progress")).toBeVisible();
  await expect(page.getByTestId("export-state")).toHaveText("finished", { timeout: 120_000 });
  await expect(page.getByTestId("plan-total")).toHaveText("60");
  await expect(page.getByTestId("recipe-facts")).toContainText("60 samples");
  await page.screenshot({ path: `${SHOTS}/export-detail.png`, fullPage: true });

  // Download the conversations: one JSON object per line, one line per sample.
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download conversations.jsonl" }).click()]);
  expect(file.suggestedFilename()).toBe(`export-${firstExport}-conversations.jsonl`);
  const lines = readFileSync((await file.path())!, "utf8").trim().split("\n");
  expect(lines).toHaveLength(60);
  for (const line of lines) expect(JSON.parse(line)).toHaveProperty("conversations");
  await expect(page.getByTestId("file-conversations.jsonl")).toContainText("60");

  // The manifest, shown as text: the seed and the whole recipe.
  const [manifest] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "View manifest" }).click()]);
  await expect(manifest.locator("body")).toContainText('"seed": 8');
  const parsed = JSON.parse((await manifest.locator("body").textContent())!);
  expect(parsed.recipe).toMatchObject({ name: recipeName, version: 2, value: { seed: 8, eta: 0.5 } });
  expect(parsed.recipe.value.sources.agentDatasets).not.toContain(`${prefix}demo-os`);
  await manifest.close();

  // The history lists it with its files.
  await page.goto("/exports");
  const row = page.getByTestId(`export-row-${firstExport}`);
  await expect(row).toContainText(`${recipeName} v2`);
  await expect(row.getByTestId("export-state")).toHaveText("finished");
  await expect(row.getByRole("link", { name: "manifest" })).toHaveAttribute("href", `/api/v1/exports/${firstExport}/files/manifest.json?inline=1`);
});

test("load the saved recipe, change it, run it unsaved, compare the two exports, re-run and delete", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/exports/new");
  await page.getByLabel("Start from").selectOption(recipeName);
  await expect(page).toHaveURL(new RegExp(`recipe=${recipeName}`));
  await expect(page.getByLabel("Seed")).toHaveValue("8");
  // Take the os dataset back in: the mix changes, so it runs as an unsaved recipe.
  await page.getByRole("group", { name: "Agent datasets" }).locator("li label").filter({ hasText: `${prefix}demo-os` }).getByRole("checkbox").check();
  await settled(page);
  await expect(page.getByTestId("plan-task-os")).toBeVisible();
  await expect(page.getByTestId("run-what")).toContainText("runs as an unsaved recipe");
  await page.getByRole("button", { name: "Run export" }).click();
  await expect(page).toHaveURL(/\/exports\/\d+$/);
  const second = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Export ${second}: unsaved recipe`);
  await expect(page.getByTestId("export-state")).toHaveText("finished", { timeout: 120_000 });

  // Compare the two from the history.
  await page.goto("/exports");
  await page.getByLabel("Compare from").selectOption(String(firstExport));
  await page.getByLabel("Compare to").selectOption(String(second));
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/exports/diff\\?from=${firstExport}&to=${second}`));
  const os = page.getByTestId("diff-os");
  await expect(os.getByRole("cell").nth(1)).toHaveText("0");
  const added = os.getByRole("list", { name: "Added to os" }).getByRole("link");
  expect(await added.count()).toBeGreaterThan(0);
  await expect(page.getByTestId("diff-total")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/exports-diff.png`, fullPage: true });
  const trajectory = (await added.first().textContent())!.replace("#", "");
  await added.first().click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${trajectory}$`));

  // Re-run the first export: a new export of the same saved version; then delete it.
  await page.goto("/exports");
  await page.getByRole("button", { name: `Re-run export ${firstExport}` }).click();
  await expect(page).toHaveURL(/\/exports\/\d+$/);
  const rerun = Number(page.url().split("/").pop());
  expect(rerun).toBeGreaterThan(second);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Export ${rerun}: ${recipeName} v2`);
  await expect(page.getByTestId("export-state")).toHaveText("finished", { timeout: 120_000 });
  await page.goto("/exports");
  await expect(page.getByTestId(`export-row-${rerun}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/exports-history.png`, fullPage: true });
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Delete export ${rerun}`);
    void dialog.accept();
  });
  await page.getByRole("button", { name: `Delete export ${rerun}` }).click();
  await expect(page.getByTestId(`export-row-${rerun}`)).toHaveCount(0);
  expect((await page.request.get(`/api/v1/exports/${rerun}`)).status()).toBe(404);
});

test("a viewer reads and downloads exports but cannot create, re-run or delete them", async ({ page, browser }) => {
  const viewer = await addMember(page, browser, `viewer-${run}@e2e.test`, "viewer");
  await viewer.goto("/exports");
  await expect(viewer.getByTestId(`export-row-${firstExport}`)).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New export" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Re-run|^Delete/ })).toHaveCount(0);
  await viewer.goto(`/exports/${firstExport}`);
  await expect(viewer.getByTestId("export-state")).toHaveText("finished");
  await expect(viewer.getByRole("button", { name: /Re-run|Delete|Cancel/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: /Open its recipe/ })).toHaveCount(0);
  await viewer.goto("/exports/new");
  await expect(viewer.getByRole("alert").filter({ hasText: "Not allowed" })).toContainText("Your role cannot open this page");
  expect((await viewer.request.get("/exports/new")).status()).toBe(403);
  await expect(viewer.getByRole("button", { name: "Run export" })).toHaveCount(0);

  expect((await viewer.request.get(`/api/v1/exports/${firstExport}/files/conversations.jsonl`)).status()).toBe(200);
  const refused = [
    await viewer.request.post("/api/v1/exports", { data: { recipe: {} } }),
    await viewer.request.post("/api/v1/exports", { data: { recipeName, recipeVersion: 2 } }),
    await viewer.request.post(`/api/v1/exports/${firstExport}/rerun`),
    await viewer.request.delete(`/api/v1/exports/${firstExport}`),
    await viewer.request.post("/api/v1/export-recipes", { data: { name: recipeName, recipe: {} } }),
  ];
  for (const response of refused) expect(response.status()).toBe(403);
});
