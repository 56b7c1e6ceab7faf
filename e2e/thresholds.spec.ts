import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";
import { NEW_PASSWORD_LABEL } from "./support/users";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens";
const REVIEWER = { email: "tessa.thresholds@e2e.test", password: "reviewer password 2" };
const VIEWER = { email: "vera.thresholds@e2e.test", password: "viewer password 2" };

/**
 * Demo data of the six tasks (its own seed: browse.spec.ts imports seed 3, and
 * identical files are de-duplicated), plus an already-filtered release
 * without rewards, AgentInstruct style.
 */
test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-thresholds-"));
  const { files } = await writeDemoFiles(dir, { seed: 21, perTask: 120, generalRows: 10 });
  for (const file of files.filter((entry) => entry.kind === "agent")) {
    const report = await importViaApi(api, file.path, { dataset: `thresholds-${file.name}` });
    if (["webshop", "kg", "mind2web"].includes(file.task ?? "")) await reviewSome(api, report.dataset!.id);
  }
  const released = await writeDemoFiles(path.join(dir, "released"), { seed: 22, perTask: 30, tasks: ["os", "db"], generalRows: 1 });
  for (const file of released.files.filter((entry) => entry.kind === "agent")) {
    const rows = readFileSync(file.path, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    const target = path.join(dir, `agentinstruct-${file.task}.jsonl`);
    writeFileSync(target, rows.map((row) => JSON.stringify({ id: row.item_id, conversations: row.conversations })).join("\n") + "\n");
    await importViaApi(api, target, { dataset: `released-${file.task}`, format: "agentinstruct" });
  }
  await api.dispose();
});

/**
 * Reviews a third of a dataset through the review API, as a team would: most
 * high-reward runs accepted, low-reward ones and a few others rejected. Gives
 * the "accepted only" curve something to show.
 */
async function reviewSome(api: APIRequestContext, datasetId: number) {
  const list = await (await api.get(`/api/v1/trajectories?dataset=${datasetId}&size=200`)).json();
  for (const [index, row] of (list.data as { id: string; reward: number | null }[]).entries()) {
    if (index % 3 !== 0 || row.reward === null) continue;
    const decision = row.reward >= 0.6 && index % 4 !== 0 ? "accepted" : "rejected";
    const response = await api.post(`/api/v1/trajectories/${row.id}/reviews`, {
      data: { decision, version: 0, reasons: decision === "rejected" ? ["wrong answer"] : [] },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
}

async function invite(page: Page, browser: Browser, who: { email: string; password: string }, role: "reviewer" | "viewer"): Promise<Page> {
  await page.goto("/admin/team");
  await page.getByLabel("Email to invite").fill(who.email);
  await page.getByLabel("Role for the invitation").selectOption(role);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  const guest = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await guest.goto(link);
  await guest.getByLabel(NEW_PASSWORD_LABEL).fill(who.password);
  await guest.getByLabel("Password again").fill(who.password);
  await guest.getByRole("button", { name: "Create my account" }).click();
  await expect(guest.getByTestId("current-user")).toContainText(`${who.email} ${role}`);
  return guest;
}

async function tableTotal(page: Page, search: string): Promise<number> {
  await page.goto(`/trajectories?${search}`);
  const text = (await page.getByTestId("total").textContent()) ?? "";
  return Number(/([\d,]+)\s+trajector/.exec(text)![1]!.replaceAll(",", ""));
}

const number = (text: string | null) => Number((text ?? "").replaceAll(",", ""));

test("the page shows every task: counts, histogram, threshold and a retention curve readable as a table", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Thresholds" }).click();
  await expect(page).toHaveURL(/\/thresholds$/);
  await expect(page.getByRole("heading", { name: "Reward thresholds" })).toBeVisible();
  for (const task of ["os", "db", "alfworld", "webshop", "kg", "mind2web"]) await expect(page.getByTestId(`overview-${task}`)).toBeVisible();
  await expect(page.getByTestId("no-reward-rule")).toContainText("kept, as passing");
  await expect(page.getByTestId("overview-os")).toContainText("without");
  // One task open at a time, from its overview row, with the task in the URL.
  for (const task of ["os", "db", "alfworld", "webshop", "kg", "mind2web"]) {
    await page.getByTestId(`overview-${task}`).getByRole("link", { name: task }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]task=${task}`));
    await expect(page.getByTestId(`chart-${task}`)).toBeVisible();
    await expect(page.locator('[data-testid^="task-section-"]')).toHaveCount(1);
  }
  await page.goto("/thresholds?task=os");
  await expect(page.getByTestId("threshold-os")).toHaveText("1");
  await page.goto("/thresholds?task=mind2web");
  await expect(page.getByTestId("threshold-mind2web")).toHaveText("2/3");

  // Hovering the curve shows exact numbers.
  const chart = page.getByTestId("chart-mind2web");
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
  await expect(page.getByTestId("chart-tooltip")).toContainText(/threshold 0\.\d+/);
  await expect(page.getByTestId("chart-tooltip")).toContainText("kept");

  // The same curve as a table, with the current threshold marked; ties at 2/3 pass.
  const table = page.getByTestId("curve-table-mind2web");
  await table.locator("summary").click();
  const current = table.locator("tr", { hasText: "current" });
  await expect(current).toContainText("≥ 2/3");
  const passing = number(await page.getByTestId("passing-mind2web").textContent());
  await expect(current.locator("td").nth(1)).toHaveText(passing.toLocaleString("en"));
  const justAbove = table.locator("tr", { hasText: "≥ 0.7" }).first();
  expect(number(await justAbove.locator("td").nth(1).textContent())).toBeLessThan(passing);
  await table.locator("summary").click();

  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/thresholds-top.png` });
  await page.screenshot({ path: `${SHOTS}/thresholds.png`, fullPage: true });
  await page.getByTestId("task-section-mind2web").screenshot({ path: `${SHOTS}/thresholds-mind2web.png` });
});

test("a reviewer proposes, a teammate comments, an admin applies; the history and the table's passes filter follow", async ({ page, browser }) => {
  // Three people's sessions and several page loads of the heaviest page: a minute is too tight on a busy machine.
  test.setTimeout(180_000);
  const reviewer = await invite(page, browser, REVIEWER, "reviewer");
  const before = await tableTotal(page, "task=webshop&passes=yes");
  const beforeBelow = await tableTotal(page, "task=webshop&passes=no");

  await reviewer.goto("/thresholds?task=webshop");
  const section = reviewer.getByTestId("task-section-webshop");
  await expect(section.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await section.getByLabel("Proposed threshold for webshop").fill("0.75");
  await expect(section.getByTestId("proposal-preview")).toContainText(/At 0\.75: [\d,]+ kept/);
  await section.getByLabel("Reason for the webshop proposal").fill("A match of 3/4 of the attributes is a good purchase; 1 drops a third of webshop.");
  await section.getByRole("button", { name: "Propose" }).click();
  await expect(section.getByRole("status")).toContainText("Proposed for webshop");
  const card = section.locator('[data-testid^="proposal-"]', { hasText: "3/4 of the attributes" });
  await expect(card.getByTestId("proposal-state")).toHaveText("open");
  await expect(card.getByTestId("what-if")).toContainText("webshop");
  const wouldPass = number(await card.getByTestId("would-pass").textContent());
  expect(wouldPass).toBeGreaterThan(before);
  // A reviewer cannot apply, even by calling the API.
  const proposalId = (await card.getAttribute("data-testid"))!.replace("proposal-", "");
  expect((await reviewer.request.post(`/api/v1/thresholds/webshop/proposals/${proposalId}/apply`, { data: {} })).status()).toBe(403);

  await page.goto("/thresholds?task=webshop");
  const adminCard = page.getByTestId(`proposal-${proposalId}`);
  await adminCard.getByLabel(`Comment on proposal ${proposalId}`).fill("Agreed: 0.75 still means the right product.");
  await adminCard.getByRole("button", { name: "Comment" }).click();
  await expect(adminCard.getByTestId("comment")).toContainText("Agreed: 0.75 still means the right product.");
  await reviewer.reload();
  await expect(reviewer.getByTestId(`proposal-${proposalId}`).getByTestId("comment")).toContainText("Agreed");
  await adminCard.scrollIntoViewIfNeeded();
  await adminCard.screenshot({ path: `${SHOTS}/thresholds-proposal-card.png` });
  await page.getByTestId("task-section-webshop").screenshot({ path: `${SHOTS}/thresholds-webshop-proposed.png` });

  await adminCard.getByLabel(`Note to apply proposal ${proposalId}`).fill("decided in the Monday review");
  await adminCard.getByRole("button", { name: "Apply 0.75" }).click();
  const webshop = page.getByTestId("task-section-webshop");
  await expect(page.getByTestId("threshold-webshop")).toHaveText("0.75");
  expect(number(await page.getByTestId("passing-webshop").textContent())).toBe(wouldPass);
  const entry = webshop.getByTestId("history-entry").first();
  await expect(entry).toContainText("1 → 0.75");
  await expect(entry).toContainText("ada@e2e.test");
  await expect(entry).toContainText(`proposal #${proposalId}`);
  await expect(entry).toContainText("3/4 of the attributes");
  await expect(entry).toContainText("decided in the Monday review");
  await webshop.getByTestId("history-webshop").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/thresholds-history.png` });

  // The table's filter and column follow the new threshold.
  const after = await tableTotal(page, "task=webshop&passes=yes");
  expect(after).toBe(wouldPass);
  expect(after).toBeGreaterThan(before);
  expect(after + (await tableTotal(page, "task=webshop&passes=no"))).toBe(before + beforeBelow);
  await page.goto("/trajectories?task=webshop&passes=yes&sort=reward&dir=asc&size=25");
  // (The facets stream in: for a moment the sidebar is there twice.)
  await expect(page.getByLabel("Passes threshold").first()).toHaveValue("yes");
  const rewards = (await page.locator('td[data-column="reward"]').allTextContents()).map(Number);
  expect(Math.min(...rewards)).toBeGreaterThanOrEqual(0.75);
  for (const cell of await page.locator('td[data-column="passes"]').allTextContents()) expect(cell).toBe("passes");
  await page.screenshot({ path: `${SHOTS}/thresholds-table-passes.png` });
  await page.goto("/trajectories?task=webshop&passes=no&sort=reward&dir=desc&size=25");
  for (const cell of await page.locator('td[data-column="passes"]').allTextContents()) expect(cell).toBe("below");
  const below = (await page.locator('td[data-column="reward"]').allTextContents()).map(Number);
  expect(Math.max(...below)).toBeLessThan(0.75);

  // Applying again is refused: the proposal was decided.
  const again = await page.request.post(`/api/v1/thresholds/webshop/proposals/${proposalId}/apply`, { data: {} });
  expect(again.status()).toBe(409);
  await reviewer.context().close();
});

test("a viewer reads the page and the API, but cannot propose or apply", async ({ page, browser }) => {
  const viewer = await invite(page, browser, VIEWER, "viewer");
  const open = await page.request.post("/api/v1/thresholds/kg/proposals", { data: { value: "2/3", reason: "partial F1 is informative" } });
  expect(open.status()).toBe(201);
  const { id } = await open.json();

  await viewer.goto("/thresholds?task=kg");
  await expect(viewer.getByTestId("task-section-kg")).toBeVisible();
  await expect(viewer.getByTestId(`proposal-${id}`)).toContainText("partial F1 is informative");
  await expect(viewer.getByRole("button", { name: "Propose" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Comment" })).toHaveCount(0);
  await expect(viewer.getByText("Reviewers propose thresholds; admins apply them.").first()).toBeVisible();

  const read = await viewer.request.get("/api/v1/thresholds");
  expect(read.status()).toBe(200);
  const body = await read.json();
  const mind2web = body.tasks.find((task: { task: string }) => task.task === "mind2web");
  expect(mind2web.curve.length).toBeGreaterThanOrEqual(101);
  expect(mind2web.threshold.value).toBeCloseTo(2 / 3, 12);

  const calls = [
    viewer.request.post("/api/v1/thresholds/kg/proposals", { data: { value: 0.5, reason: "a viewer tries" } }),
    viewer.request.post(`/api/v1/thresholds/kg/proposals/${id}/comments`, { data: { body: "a viewer comments" } }),
    viewer.request.post(`/api/v1/thresholds/kg/proposals/${id}/apply`, { data: {} }),
    viewer.request.post(`/api/v1/thresholds/kg/proposals/${id}/decline`, { data: { note: "a viewer declines" } }),
    viewer.request.put("/api/v1/thresholds/kg", { data: { value: 0.1, reason: "a viewer sets" } }),
  ];
  for (const response of await Promise.all(calls)) expect(response.status()).toBe(403);
  const anonymous = await playwrightRequest.newContext({ baseURL: new URL(page.url()).origin, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get("/api/v1/thresholds")).status()).toBe(401);
  await anonymous.dispose();

  // Nothing changed.
  const kg = (await (await page.request.get("/api/v1/thresholds?task=kg")).json()).tasks[0];
  expect(kg.threshold.value).toBe(1);
  expect(kg.proposals.find((proposal: { id: number }) => proposal.id === id)).toMatchObject({ state: "open", comments: [] });
  expect((await page.request.post("/api/v1/thresholds/kg/proposals", { data: { value: "1.5", reason: "too high" } })).status()).toBe(400);
  await viewer.context().close();
});

test("the team chooses how trajectories without a reward are treated, and the table follows", async ({ page }) => {
  const keptOs = await tableTotal(page, "task=os&passes=yes");
  await page.goto("/thresholds");
  const noReward = number(/([\d,]+) agent trajectories have no reward/.exec((await page.getByTestId("no-reward-rule").textContent()) ?? "")![1]!);
  expect(noReward).toBeGreaterThan(0);
  await page.getByText("Change these rules (admins)").click();
  await page.getByLabel("Trajectories without a reward").selectOption("exclude");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("no-reward-treatment")).toHaveText("excluded");
  const excludedOs = await tableTotal(page, "task=os&passes=yes");
  expect(excludedOs).toBeLessThan(keptOs);
  await page.goto("/trajectories?task=os&noReward=yes&passes=no");
  await expect(page.locator('td[data-column="passes"]').first()).toHaveText("excluded, no reward");

  await page.goto("/thresholds");
  await page.getByText("Change these rules (admins)").click();
  await page.getByLabel("Trajectories without a reward").selectOption("pass");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("no-reward-treatment")).toHaveText("kept, as passing");
  expect(await tableTotal(page, "task=os&passes=yes")).toBe(keptOs);
});
