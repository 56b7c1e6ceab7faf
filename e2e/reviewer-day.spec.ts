import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { writeDemoFiles } from "../demo";
import { ADMIN_STATE } from "../playwright.config";
import { importViaApi } from "./support/api-import";

// Issue 16 items 5-14: the table, the pages and the docs, as a team reads them.
// Screenshots go to test-results/screens/16-<tag>-*.png; SHOT_TAG=before names a run on the old code.
const SHOTS = "test-results/screens";
const TAG = process.env.SHOT_TAG ?? "after";
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/16-${TAG}-${name}.png`, fullPage: true });

const LONG_DATASET = "nat-samples-of-one-question-at-several-temperatures-2026-12";
let dir = "";
let natDatasetId = 0;
let singleDatasetId = 0;
let badDatasetId = 0;
let runId = 0;

/** NAT-like rows: no question stored (the conversation opens with the assistant), one question sampled three times. */
function natRows(): string {
  const row = (id: string, model: string, thought: string) =>
    JSON.stringify({
      id,
      model,
      info: { reward: 1 },
      conversations: [
        { from: "gpt", value: `Thought: ${thought}\nAction: search[Hayao Miyazaki]` },
        { from: "human", value: "Observation: Hayao Miyazaki is a Japanese animator." },
        { from: "gpt", value: "Thought: done.\nAction: finish[1984]" },
      ],
    });
  return [
    row("nat_q1", "llama-t0.2", "I should look up the first film."),
    row("nat_q1", "llama-t0.7", "The first film is what I need."),
    row("nat_q1", "llama-t1.0", "Search the director first."),
    row("nat_q2", "llama-t0.2", "Another question entirely."),
  ].join("\n") + "\n";
}

async function post(api: APIRequestContext, url: string, data: unknown) {
  const response = await api.post(url, { data });
  if (!response.ok()) throw new Error(`${url} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

/** The ids the tests need, from a server where the setup below already ran (a failed test restarts the worker, and with it beforeAll). */
async function recoverIds(api: APIRequestContext): Promise<boolean> {
  const runs = (await (await api.get("/api/v1/contamination/runs")).json()).runs as { id: number; testSetName: string; state: string }[];
  const run = runs.find((entry) => entry.testSetName === "day-bench" && entry.state === "finished");
  if (!run) return false;
  const facets = (await (await api.get("/api/v1/trajectories/facets")).json()) as { dataset: { value: string; label: string }[] };
  const idOf = (name: string) => Number(facets.dataset.find((entry) => entry.label === name)!.value);
  [runId, natDatasetId, singleDatasetId, badDatasetId] = [run.id, idOf(LONG_DATASET), idOf("day-single"), idOf("day-bad-lines")];
  dir = mkdtempSync(path.join(tmpdir(), "e2e-day-"));
  writeFileSync(path.join(dir, "nat.jsonl"), natRows());
  return true;
}

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000);
  const api = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  if (await recoverIds(api)) return api.dispose();
  dir = mkdtempSync(path.join(tmpdir(), "e2e-day-"));
  const demo = await writeDemoFiles(dir, { seed: 16, perTask: 12, quirks: false, generalRows: 6 });
  for (const file of demo.files.filter((entry) => entry.kind !== "testset")) {
    await importViaApi(api, file.path, { dataset: `day-${file.name}`, kind: file.kind });
  }
  const nat = path.join(dir, "nat.jsonl");
  writeFileSync(nat, natRows());
  natDatasetId = (await importViaApi(api, nat, { dataset: LONG_DATASET })).dataset!.id;
  const single = path.join(dir, "single.jsonl");
  writeFileSync(single, `${JSON.stringify({ id: "os_single", conversations: [{ from: "human", value: "Now, I will start a new problem in a new OS. My problem is:\n\nHow big is /var/log?" }, { from: "gpt", value: "Think: check.\n\nAct: answer(12M)" }] })}\n`);
  singleDatasetId = (await importViaApi(api, single, { dataset: "day-single" })).dataset!.id;
  const bad = path.join(dir, "bad.jsonl");
  const good = (n: number) => JSON.stringify({ id: `os_bad_${n}`, conversations: [{ from: "human", value: `Count the files in /tmp/${n}` }, { from: "gpt", value: "Think: count.\n\nAct: answer(3)" }] });
  writeFileSync(bad, [good(1), "{not json", good(2), JSON.stringify({ id: "os_bad_3", conversations: "nope" })].join("\n") + "\n");
  badDatasetId = (await importViaApi(api, bad, { dataset: "day-bad-lines" })).dataset!.id;

  // Reviews, a proposal, a threshold change (an audit event with a before and an after).
  const os = await (await api.get("/api/v1/trajectories?task=os&size=25&sort=updated&dir=asc")).json();
  for (const [index, row] of (os.data as { id: string }[]).slice(0, 3).entries()) {
    const full = await (await api.get(`/api/v1/trajectories/${row.id}`)).json();
    await post(api, `/api/v1/trajectories/${row.id}/reviews`, { decision: index === 2 ? "rejected" : "accepted", version: full.version ?? full.trajectory?.version ?? 0 });
  }
  await post(api, "/api/v1/thresholds/webshop/proposals", { value: 0.5, reason: "half the attributes is a fair purchase" });
  const put = await api.put("/api/v1/thresholds/db", { data: { value: 0.5, reason: "db rewards are partial credit" } });
  if (!put.ok()) throw new Error(`threshold answered ${put.status()}: ${await put.text()}`);

  // A finished contamination check.
  const testFile = demo.files.find((entry) => entry.kind === "testset")!;
  const query = new URLSearchParams({ fileName: path.basename(testFile.path), name: "day-bench", task: "mixed", field: "question" });
  const created = await api.post(`/api/v1/testsets?${query}`, { data: (await import("node:fs")).readFileSync(testFile.path), headers: { "content-type": "application/octet-stream" } });
  if (created.status() !== 201) throw new Error(`test set answered ${created.status()}: ${await created.text()}`);
  runId = (await post(api, "/api/v1/contamination/runs", { testSet: "day-bench" })).id;
  for (let tries = 0; tries < 600; tries++) {
    const run = await (await api.get(`/api/v1/contamination/runs/${runId}`)).json();
    if (run.state === "finished") break;
    if (run.state === "failed" || run.state === "cancelled") throw new Error(`run ${run.state}: ${run.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await api.dispose();
});

test.describe("table (items 5, 6)", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the default columns fit 1,280 px: Status and what follows are on screen, nothing scrolls sideways, facets and long names fit", async ({ page }) => {
    await page.goto("/trajectories");
    await expect(page.getByRole("table", { name: "Trajectories" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Dataset" }).getByText(LONG_DATASET.slice(0, 20))).toBeAttached();
    await shot(page, "table-1280");
    const table = page.getByRole("table", { name: "Trajectories" });
    for (const header of ["Status", "Updated"]) {
      const box = (await table.getByRole("columnheader", { name: header }).boundingBox())!;
      expect(box.x + box.width, `${header} header's right edge`).toBeLessThanOrEqual(1280);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "page scrolls sideways by").toBeLessThanOrEqual(0);
    const tableOverflow = await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth);
    expect(tableOverflow, "table scrolls sideways by").toBeLessThanOrEqual(0);

    // A long dataset name stays inside the sidebar (clipped, whole in its tooltip).
    const sidebar = (await page.getByRole("complementary", { name: "Filters" }).boundingBox())!;
    const longLabel = page.getByRole("group", { name: "Dataset" }).locator("label", { hasText: LONG_DATASET.slice(0, 20) });
    await expect(longLabel).toHaveAttribute("title", LONG_DATASET);
    const labelBox = (await longLabel.boundingBox())!;
    expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(sidebar.x + sidebar.width + 1);
    // Facet lists end on a row boundary or show rows whole: no item cut through its text line.
    for (const list of await page.getByTestId("facet-list").all()) {
      const { scrollable, rowHeight, height } = await list.evaluate((el) => ({
        scrollable: el.scrollHeight > el.clientHeight,
        rowHeight: (el.firstElementChild as HTMLElement).offsetHeight,
        height: el.clientHeight,
      }));
      if (scrollable) expect((height / rowHeight) % 1, "a scrolled facet list shows whole rows and a half one").toBeCloseTo(0.5, 1);
    }
  });

  test("rows show the task's own sentence, the first text of NAT rows, what tells shared ids apart, and plurals", async ({ page }) => {
    await page.goto("/trajectories?task=os&size=25");
    await expect(page.getByTestId("trajectory-row").first()).toBeVisible();
    await shot(page, "table-os");
    const previews = await page.getByTestId("instruction-preview").allTextContents();
    expect(previews.length).toBeGreaterThan(3);
    for (const text of previews) expect(text).not.toMatch(/^Now, I will start a new problem/);

    await page.goto(`/trajectories?dataset=${natDatasetId}`);
    const rows = page.getByTestId("trajectory-row");
    await expect(rows).toHaveCount(4);
    await shot(page, "table-nat");
    await expect(page.getByTestId("instruction-preview").first()).toContainText("first assistant turn");
    await expect(page.getByText("(no instruction)")).toHaveCount(0);
    await expect(page.getByTestId("sample-of")).toHaveCount(3);
    const samples = await page.getByTestId("sample-of").allTextContents();
    expect(samples.map((text) => text.replace(/ ·.*/, "")).sort()).toEqual(["sample 1 of 3", "sample 2 of 3", "sample 3 of 3"]);
    expect(samples.join(" ")).toContain("llama-t0.7");

    await page.goto(`/trajectories?dataset=${singleDatasetId}`);
    await expect(page.getByTestId("total")).toContainText(/^1 trajectory matches/);
    await expect(page.getByTestId("instruction-preview")).toHaveText("How big is /var/log?");
  });
});

test("home is the team's overview: progress per task as a chart, my queue, proposals, the latest check, jobs, exports; numbers link to the table", async ({ page }) => {
  await page.goto("/");
  await shot(page, "home");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  // Other specs decide os trajectories too: the chart must say what the table says.
  const total = async (query: string) => (await (await page.request.get(`/api/v1/trajectories?${query}`)).json()).total.value as number;
  const [acceptedOs, rejectedOs] = await Promise.all([total("task=os&status=accepted"), total("task=os&status=rejected")]);
  expect(acceptedOs, "this spec accepted two os trajectories").toBeGreaterThanOrEqual(2);
  const progress = page.getByRole("region", { name: "Review progress" });
  await expect(progress.getByRole("img", { name: new RegExp(`^os: ${acceptedOs} accepted, ${rejectedOs} rejected, \\d+ pending$`) })).toBeVisible();
  const accepted = progress.getByTestId("progress-os").getByRole("link", { name: `${acceptedOs} accepted` });
  await expect(accepted).toHaveAttribute("href", "/trajectories?task=os&status=accepted");
  await expect(page.getByRole("region", { name: "My queue" }).getByRole("link").first()).toHaveAttribute("href", /\/trajectories\?/);
  await expect(page.getByRole("region", { name: "Open threshold proposals" })).toContainText("webshop");
  await expect(page.getByRole("region", { name: "Open threshold proposals" }).getByRole("link", { name: /webshop/ })).toHaveAttribute("href", "/thresholds?task=webshop");
  const check = page.getByRole("region", { name: "Latest contamination check" });
  await expect(check.getByRole("link", { name: /dirty trajector(y|ies)$/ })).toHaveAttribute("href", "/trajectories?contamination=dirty");
  await expect(check.getByRole("link", { name: /dirty test items?$/ })).toHaveAttribute("href", /\/contamination\/runs\/\d+\?label=dirty/);
  await expect(page.getByRole("region", { name: "Running jobs" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Latest exports" })).toBeVisible();
  // Every number of the overview is a link.
  for (const number of await page.getByTestId("overview-number").all()) {
    expect(await number.evaluate((el) => el.closest("a")?.getAttribute("href") ?? null), `${await number.textContent()} is a link`).not.toBeNull();
  }
  await accepted.click();
  await expect(page.getByTestId("total")).toContainText(new RegExp(`^${acceptedOs} trajectories match`));
});

test("thresholds open one task at a time, with the task in the URL, and the page stays within two screens", async ({ page }) => {
  await page.goto("/thresholds");
  await expect(page.getByRole("table", { name: "Thresholds by task" })).toBeVisible();
  await shot(page, "thresholds");
  expect(await page.locator('[data-testid^="task-section-"]').count()).toBeLessThanOrEqual(1);
  await page.getByTestId("overview-webshop").getByRole("link", { name: "webshop" }).click();
  await expect(page).toHaveURL(/[?&]task=webshop/);
  await expect(page.locator('[data-testid^="task-section-"]')).toHaveCount(1);
  await expect(page.getByTestId("task-section-webshop")).toBeVisible();
  await shot(page, "thresholds-webshop");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "page height in px (two screens: 1,800)").toBeLessThanOrEqual(2 * 900);
});

test("the contamination report opens the most populated tab, with each item's text and the matched trajectories' external id and dataset", async ({ page }) => {
  await page.goto(`/contamination/runs/${runId}`);
  await expect(page.getByTestId("items")).toBeVisible();
  await shot(page, "contamination-report");
  await page.goto(`/contamination/runs/${runId}?label=dirty`);
  await shot(page, "contamination-report-dirty");
  await page.goto(`/contamination/runs/${runId}`);
  const tabs = page.getByRole("navigation", { name: "Item labels" }).getByRole("link");
  const counts: Record<string, number> = {};
  for (const tab of await tabs.all()) {
    const [, label, count] = /^(\w+) \((\d+)\)$/.exec((await tab.textContent())!.trim()) ?? [];
    if (label && label !== "all") counts[label] = Number(count);
  }
  const most = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0];
  await expect(tabs.filter({ hasText: new RegExp(`^${most} `) })).toHaveAttribute("aria-current", "page");
  const first = page.getByTestId("items").locator('tr[data-testid^="item-"]').first();
  await expect(first.getByTestId("item-text")).not.toBeEmpty();
  await page.goto(`/contamination/runs/${runId}?label=dirty`);
  const link = page.getByTestId("items").locator('a[href^="/trajectories/"]').first();
  // external id · dataset name (other specs on the same server add their own demo datasets)
  await expect(link).toHaveText(/^\S+ · \S*demo-\S+$/);
});

test("team: pending invitations with role and expiry, a copy button for a new link, and revoking one", async ({ page, browser }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/admin/team");
  await shot(page, "team-start");
  await page.getByLabel("Email to invite").fill("pending-16@lab.org");
  await page.getByLabel("Role for the invitation").selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  await page.getByRole("button", { name: "Copy link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.reload();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  const row = pending.getByRole("row", { name: /pending-16@lab\.org/ });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText(/expires \d{4}-\d{2}-\d{2}/);
  await shot(page, "team");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(pending.getByRole("row", { name: /pending-16@lab\.org/ })).toHaveCount(0);
  const guest = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await guest.goto(link);
  await expect(guest.getByText("This invitation cannot be used")).toBeVisible();
});

test("audit log: a field-level diff of what changed, the raw JSON behind a toggle", async ({ page }) => {
  await page.goto("/admin/audit");
  await shot(page, "audit");
  await page.goto("/admin/audit?type=threshold.changed");
  const row = page.getByTestId("audit-row").first();
  await expect(row.getByTestId("audit-diff")).toBeVisible();
  const diff = row.getByTestId("audit-diff");
  await expect(diff.getByRole("row", { name: /threshold/ })).toContainText("0.5");
  await expect(row.getByText(/"reason"/)).toBeHidden();
  await row.getByText("raw JSON").click();
  await expect(row.getByText(/"reason"/).first()).toBeVisible();
});

test("import: a dataset's page shows its report, bad records by line; an upload is previewed before it is committed", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("dataset-day-bad-lines").screenshot({ path: `${SHOTS}/16-${TAG}-dataset-row.png` });
  await page.getByTestId("dataset-day-bad-lines").getByRole("link", { name: /2 bad/ }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${badDatasetId}$`));
  const bad = page.getByRole("table", { name: "Bad records" });
  await expect(bad.getByRole("row", { name: /line 2/ })).toBeVisible();
  await expect(bad.getByRole("row", { name: /line 4/ })).toContainText("conversations");
  await shot(page, "dataset-report");

  await page.goto("/import");
  await shot(page, "import-start");
  await page.getByLabel(/file/i).first().setInputFiles(path.join(dir, "nat.jsonl"));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("table", { name: "First records" });
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(preview).toContainText("nat_q1");
  await shot(page, "import-preview");
  const before = await (await page.request.get("/api/v1/trajectories?q=nothing-imported-yet")).json();
  expect(before.data).toHaveLength(0);
});

test("exports form: a size the data cannot reach is said at the top of the preview, in words, with the limiting number", async ({ page }) => {
  await page.goto("/exports/new");
  await page.getByRole("radio", { name: /A total of/ }).check();
  await page.getByLabel("Total samples").fill("100000");
  await expect(page.getByTestId("preview-status")).toHaveText("up to date");
  await shot(page, "exports-shortfall");
  const shortfall = page.getByTestId("plan-shortfall");
  await expect(shortfall).toBeVisible();
  await expect(shortfall).toContainText(/only [\d,]+ .*(accept|pending|eligible)/i);
  const top = (await page.getByTestId("recipe-preview").boundingBox())!;
  const box = (await shortfall.boundingBox())!;
  expect(box.y - top.y, "distance from the top of the preview").toBeLessThan(120);
});

test("docs: the method is served at /docs/method and every page links there instead of METHOD.md", async ({ page }) => {
  await page.goto("/docs/method");
  await shot(page, "docs-method");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/method/i);
  await expect(page.getByRole("heading", { name: /contamination/i }).first()).toBeVisible();
  for (const url of ["/thresholds", "/thresholds?task=os", "/contamination", "/exports", "/exports/new"]) {
    await page.goto(url);
    await expect(page.locator("body")).not.toContainText("METHOD.md");
    await expect(page.locator("body")).not.toContainText("docs/method.md §");
  }
  await page.goto("/thresholds");
  const link = page.getByRole("link", { name: /the method/i }).first();
  await expect(link).toHaveAttribute("href", /^\/docs\/method#/);
});
