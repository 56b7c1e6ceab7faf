import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";

const SHOTS = "test-results/screens";
let longTrajectoryId = "";
let hostileTrajectoryId = "";

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-browse-"));
  const { files } = await writeDemoFiles(dir, { seed: 3, perTask: 40, includeHuge: true, generalRows: 20 });
  for (const file of files.filter((entry) => entry.kind === "agent")) {
    await importViaApi(api, file.path, { dataset: `browse-${file.name}` });
  }
  const hostile = path.join(dir, "hostile-os.jsonl");
  const payload = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">';
  writeFileSync(
    hostile,
    `${JSON.stringify({
      id: "os_hostile",
      conversations: [
        { from: "human", value: `Which file holds ${payload}?`, loss: null },
        { from: "gpt", value: "Think: look.\n\nAct: bash\n\n```bash\ncat index.html\n```", loss: true },
        { from: "human", value: `The output of the OS:\n\u001b[1m${payload}\u001b[0m\r\n`, loss: null },
        { from: "gpt", value: "Think: done.\n\nAct: answer(index.html)", loss: true },
      ],
    })}\n`,
  );
  const report = await importViaApi(api, hostile, { dataset: "hostile" });
  const hostileList = await (await api.get(`/api/v1/trajectories?dataset=${report.dataset!.id}`)).json();
  hostileTrajectoryId = hostileList.data[0].id;
  const long = await (await api.get("/api/v1/trajectories?sort=turns&dir=desc&size=25")).json();
  longTrajectoryId = long.data[0].id;
  expect(long.data[0].turnCount).toBeGreaterThanOrEqual(300);
  await api.dispose();
});

test("filter by task and reward, sort, page forward and back, and reload the same view", async ({ page }) => {
  await page.goto("/trajectories");
  await expect(page.getByRole("table", { name: "Trajectories" })).toBeVisible();

  await page.getByRole("group", { name: "Task" }).getByRole("checkbox", { name: /webshop/ }).check();
  await expect(page).toHaveURL(/task=webshop/);
  await expect(page.locator('td[data-column="task"]').first()).toHaveText("webshop");
  for (const cell of await page.locator('td[data-column="task"]').allTextContents()) expect(cell).toBe("webshop");

  await page.getByLabel("Minimum reward").fill("0.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/rewardMin=0.5/);
  await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
  for (const cell of await page.locator('td[data-column="reward"]').allTextContents()) expect(Number(cell)).toBeGreaterThanOrEqual(0.5);

  await page.getByRole("button", { name: /^Reward/ }).click();
  await expect(page).toHaveURL(/sort=reward/);
  const direction = new URL(page.url()).searchParams.get("dir") ?? "desc";
  const rewards = (await page.locator('td[data-column="reward"]').allTextContents()).map(Number);
  const sorted = [...rewards].sort((a, b) => (direction === "asc" ? a - b : b - a));
  expect(rewards).toEqual(sorted);

  await page.getByLabel("Rows per page").selectOption("25");
  await page.goto("/trajectories?size=25");
  const firstPage = await page.locator('td[data-column="id"] a').allTextContents();
  expect(firstPage).toHaveLength(25);
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.locator('td[data-column="id"] a').first()).not.toHaveText(firstPage[0]!);
  const secondPage = await page.locator('td[data-column="id"] a').allTextContents();
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(page.locator('td[data-column="id"] a')).toHaveText(firstPage);

  await page.getByText("Columns").click();
  await page.getByRole("checkbox", { name: "Updated" }).uncheck();
  await expect(page).toHaveURL(/hide=updated/);
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.locator('td[data-column="id"] a')).toHaveText(firstPage);
  await expect(page.getByRole("columnheader", { name: /Updated/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/table.png`, fullPage: true });
});

test("select all matching acts on the filter", async ({ page }) => {
  await page.goto("/trajectories?task=db&size=25");
  await page.getByRole("checkbox", { name: "Select this page" }).check();
  await expect(page.getByTestId("selection-bar")).toContainText("25 selected on this page");
  await page.getByRole("button", { name: /Select all .* matching this filter/ }).click();
  await expect(page.getByTestId("selection-filter")).toHaveText("task=db");
});

test("open a trajectory and step through it with the keyboard", async ({ page }) => {
  await page.goto("/trajectories?task=os&sort=turns&dir=desc");
  const firstLink = page.locator('td[data-column="id"] a').first();
  const href = await firstLink.getAttribute("href");
  await firstLink.click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByTestId("reward")).toContainText("final answer");
  await expect(page.getByTestId("task-turn")).toBeVisible();

  const prefix = page.getByTestId("prefix");
  await expect(prefix).not.toHaveAttribute("open", "");
  await page.keyboard.press("p");
  await expect(prefix).toHaveAttribute("open", "");

  await page.keyboard.press("j");
  await expect(page.locator("[data-step]:focus")).toHaveAttribute("data-step", "1");
  await page.keyboard.press("j");
  await expect(page.locator("[data-step]:focus")).toHaveAttribute("data-step", "2");
  await page.keyboard.press("k");
  await expect(page.locator("[data-step]:focus")).toHaveAttribute("data-step", "1");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const before = page.url();
  const title = await page.getByRole("heading", { level: 1 }).textContent();
  await page.keyboard.press("]");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(title!);
  await expect(page).toHaveURL(/task=os&sort=turns/);
  await page.keyboard.press("[");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
  expect(page.url()).toBe(before);
});

test("a 300-turn trajectory with a huge observation stays usable", async ({ page }) => {
  const started = Date.now();
  await page.goto(`/trajectories/${longTrajectoryId}`);
  await expect(page.locator("[data-step]").last()).toBeAttached();
  const steps = await page.locator("[data-step]").count();
  expect(steps).toBeGreaterThanOrEqual(100);
  test.info().annotations.push({ type: "timing", description: `300-turn replay loaded in ${Date.now() - started} ms with ${steps} steps` });
  // Keys pressed before the page has hydrated are lost: press until the first one lands.
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(page.locator("[data-step]:focus")).toHaveAttribute("data-step", "1", { timeout: 500 });
  }).toPass();
  for (let step = 1; step < 5; step += 1) await page.keyboard.press("j");
  await expect(page.locator("[data-step]:focus")).toHaveAttribute("data-step", "5");
  await page.screenshot({ path: `${SHOTS}/replay-300-turns.png` });
});

test("show all fetches an observation of hundreds of KB", async ({ page }) => {
  await page.goto("/trajectories?task=os&sort=turns&dir=desc");
  const list = await page.request.get("/api/v1/trajectories?task=os&size=200");
  const ids: string[] = (await list.json()).data.map((row: { id: string }) => row.id);
  for (const id of ids) {
    const detail = await (await page.request.get(`/api/v1/trajectories/${id}`)).json();
    const huge = detail.turns.find((turn: { rawText: string }) => turn.rawText.length > 100_000);
    if (!huge) continue;
    await page.goto(`/trajectories/${id}`);
    const button = page.getByRole("button", { name: /Show all \(\d+ KB\)/ }).first();
    await button.click();
    await expect(page.getByRole("button", { name: "Collapse" }).first()).toBeVisible();
    const longest = await page.getByTestId("turn-text").evaluateAll((nodes) => Math.max(...nodes.map((node) => node.textContent?.length ?? 0)));
    expect(longest).toBeGreaterThan(100_000);
    return;
  }
  throw new Error("the demo data has no observation over 100 KB");
});

test("HTML and script payloads in trajectories are shown as text and never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`/trajectories/${hostileTrajectoryId}`);
  await expect(page.getByTestId("task-turn")).toContainText("Which file holds");
  for (const toggle of await page.getByTestId("raw-toggle").all()) await toggle.click();
  await expect(page.getByText('<script>window.__pwned = 1</script>').first()).toBeVisible();
  await expect(page.locator("img[src='x']")).toHaveCount(0);
  await expect(page.locator("script:text('__pwned')")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/replay-hostile.png`, fullPage: true });
});

test("the list API answers with the same filters as the page", async ({ request }) => {
  const response = await request.get("/api/v1/trajectories?task=kg&rewardMin=0.5&size=25");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.data.length).toBeGreaterThan(0);
  for (const row of body.data) {
    expect(row.task).toBe("kg");
    expect(row.reward).toBeGreaterThanOrEqual(0.5);
  }
  const bad = await request.get("/api/v1/trajectories?rewardMax=7");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^rewardMax:/);
  expect((await request.get("/api/v1/trajectories/999999999")).status()).toBe(404);
});
