import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { importViaApi } from "./support/api-import";
import { addMember } from "./support/team";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens/review-layout";
const run = Date.now().toString(36);
let datasetId = 0;
let reviewer: Page;

/** Long os trajectories (twelve steps with long observations), so that stepping scrolls the page under the sticky panel. */
function layoutFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-layout-")), `layout-${run}.jsonl`);
  const rows = Array.from({ length: 6 }, (_, i) => ({
    id: `layout_${run}_${i}`,
    conversations: [
      { from: "human", value: `Count the lines of /srv/logs/app${i}.log that mention a timeout.`, loss: null },
      ...Array.from({ length: 12 }, (_, step) => [
        { from: "gpt", value: `Think: I look at part ${step} of the log; the admin said 12 lines time out.\n\nAct: bash\n\n\`\`\`bash\nsed -n '${step * 10},${step * 10 + 9}p' /srv/logs/app${i}.log\n\`\`\``, loss: true },
        { from: "human", value: `The output of the OS:\n${Array.from({ length: 14 }, (_, line) => `line ${step * 10 + line}: request ${line} ok`).join("\n")}`, loss: null },
      ]).flat(),
      { from: "gpt", value: "Think: None of them time out.\n\nAct: answer(0)", loss: true },
    ],
  }));
  writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  return file;
}

test.beforeAll(async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: "test-results/.auth/admin.json" })).newPage();
  datasetId = (await importViaApi(admin.request, layoutFile(), { dataset: `layout-${run}` })).dataset!.id;
  reviewer = await addMember(admin, browser, `layout-${run}@e2e.test`, "reviewer");
});

type TBox = { x: number; y: number; width: number; height: number };
const intersects = (a: TBox, b: TBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The element's box must be in the viewport (its top at least) and must not meet the review panel's box. */
async function expectClearOfPanel(page: Page, element: Locator, what: string) {
  const panel = await page.getByRole("complementary", { name: "Review" }).boundingBox();
  const box = await element.boundingBox();
  expect(panel, "the review panel is on the page").not.toBeNull();
  expect(box, `${what} is on the page`).not.toBeNull();
  expect(intersects(box!, panel!), `${what} ${JSON.stringify(box)} is clear of the review panel ${JSON.stringify(panel)}`).toBe(false);
  const viewport = page.viewportSize()!;
  expect(box!.y, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} starts inside the viewport`).toBeLessThan(viewport.height);
}

const pending = async (page: Page) => (await (await page.request.get(`/api/v1/trajectories?dataset=${datasetId}&status=pending`)).json()).data.length as number;

for (const viewport of [{ name: "wide", width: 1440, height: 900 }, { name: "narrow", width: 760, height: 900 }]) {
  test(`${viewport.name} screen: j and e leave the focused step and the open editor fully clear of the review panel`, async () => {
    await reviewer.setViewportSize(viewport);
    const list = await (await reviewer.request.get(`/api/v1/trajectories?dataset=${datasetId}&sort=id&dir=asc`)).json();
    await reviewer.goto(`/trajectories/${list.data[0].id}?dataset=${datasetId}&queue=1`);
    await expect(reviewer.getByRole("complementary", { name: "Review" })).toBeVisible();
    // Keys go to the replay once it is hydrated (a key pressed before that would be the browser's, not ours).
    await expect(reviewer.locator(`[data-replay-ready="${list.data[0].id}"]`)).toBeAttached();
    for (let press = 1; press <= 5; press += 1) {
      await reviewer.keyboard.press("j");
      const step = reviewer.locator(`[data-step="${press}"]`);
      await expect(step).toBeFocused();
      // The step's header (its top) must show below every sticky element.
      await expectClearOfPanel(reviewer, step.locator("header"), `step ${press}'s header after j`);
    }
    await reviewer.screenshot({ path: `${SHOTS}/${viewport.name}-after-j.png` });
    await reviewer.keyboard.press("e");
    const editor = reviewer.locator('[data-step="5"] form');
    await expect(reviewer.getByLabel("New thought")).toBeFocused();
    await expectClearOfPanel(reviewer, editor, "the open thought editor after e");
    await reviewer.screenshot({ path: `${SHOTS}/${viewport.name}-after-e.png` });
    await reviewer.keyboard.press("Escape");
  });
}

/** The replay whose keys are live (its id), once it is the page the URL names; else null. */
async function liveReplay(page: Page): Promise<string | null> {
  const ready = await page.locator("[data-replay-ready]").getAttribute("data-replay-ready").catch(() => null);
  const inUrl = new URL(page.url()).pathname.match(/^\/trajectories\/(\d+)$/)?.[1] ?? null;
  return ready !== null && ready === inUrl ? ready : null;
}

const decided = async (page: Page) =>
  ((await (await page.request.get(`/api/v1/trajectories?dataset=${datasetId}&status=accepted,rejected`)).json()).data as { id: string }[]).map((row) => row.id);

test("a key pressed right after Start reviewing applies to the item it opens, and the next item is ready soon after a decision", async () => {
  await reviewer.setViewportSize({ width: 1440, height: 900 });
  const before = await pending(reviewer);
  await reviewer.goto(`/trajectories?dataset=${datasetId}`);
  await reviewer.getByRole("button", { name: "Start reviewing" }).click();
  await reviewer.keyboard.press("a");
  // The accept was kept and applied to the first item; the queue moved on to a second, which is live.
  await expect.poll(() => pending(reviewer), { timeout: 10_000 }).toBe(before - 1);
  const [first] = await decided(reviewer);
  await expect.poll(async () => { const live = await liveReplay(reviewer); return live !== null && live !== first; }, { timeout: 10_000 }).toBe(true);
  await expect(reviewer).toHaveURL(/queue=1/);
  const second = (await liveReplay(reviewer))!;

  // A decision on the second: the third is live soon after (it was claimed and prefetched while the second was read).
  await expect(reviewer.getByTestId("up-next")).toBeVisible();
  await reviewer.waitForTimeout(1_000);
  const started = Date.now();
  await reviewer.keyboard.press("a");
  await expect.poll(async () => { const live = await liveReplay(reviewer); return live !== null && live !== second; }, { timeout: 10_000, intervals: [20] }).toBe(true);
  const switchMs = Date.now() - started;
  console.log(`next queue item interactive ${switchMs} ms after the decision key`);
  test.info().annotations.push({ type: "queue switch ms", description: String(switchMs) });
  expect(switchMs).toBeLessThan(1_500);
  await reviewer.screenshot({ path: `${SHOTS}/queue-next.png` });

  // Keys typed during the switch are applied to the new item: two accepts in a row accept two items.
  const left = await pending(reviewer);
  await reviewer.keyboard.press("a");
  await reviewer.keyboard.press("a");
  await expect.poll(() => pending(reviewer), { timeout: 10_000 }).toBe(left - 2);
});

test("the thought history shows author, time and reason of each revision; the hint's info mark is an SVG icon", async () => {
  const list = await (await reviewer.request.get(`/api/v1/trajectories?dataset=${datasetId}&sort=id&dir=asc`)).json();
  await reviewer.goto(`/trajectories/${list.data.at(-1).id}`);
  const step = reviewer.locator('[data-step="1"]');
  await expect(step.getByTestId("grounding-info").locator("svg")).toBeVisible();
  await step.getByRole("button", { name: "Edit thought (e)" }).click();
  await reviewer.getByLabel("New thought").fill("I read the first part of the log.");
  await reviewer.getByLabel("Reason for the change").fill("the agent never heard from an admin");
  await reviewer.getByRole("button", { name: /Save revision/ }).click();
  await expect(step.getByTestId("thought")).toHaveText("I read the first part of the log.");
  await step.getByRole("button", { name: "History" }).click();
  const revision = step.getByRole("list", { name: "Thought history" }).getByRole("listitem").first();
  await expect(revision).toContainText(`layout-${run}@e2e.test`);
  await expect(revision).toContainText("the agent never heard from an admin");
  await expect(revision.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await reviewer.screenshot({ path: `${SHOTS}/history.png` });
});
