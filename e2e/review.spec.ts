import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { importViaApi } from "./support/api-import";
import { addMember, anonymousPage } from "./support/team";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens";
const run = Date.now().toString(36);
let datasetId = 0;
let alice: Page;
let bob: Page;

/** Six os trajectories whose thoughts mention things the agent never saw (for the grounding hint). */
function reviewFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-review-")), `review-${run}.jsonl`);
  const rows = Array.from({ length: 6 }, (_, i) => ({
    id: `os_${run}_${i}`,
    conversations: [
      { from: "human", value: `How many log files are in /var/log/app${i}?`, loss: null },
      { from: "gpt", value: `Think: I list the folder, the admin said there are 12 files.\n\nAct: bash\n\n\`\`\`bash\nls /var/log/app${i} | wc -l\n\`\`\``, loss: true },
      { from: "human", value: "The output of the OS:\n7", loss: null },
      { from: "gpt", value: "Think: The output says 7.\n\nAct: answer(7)", loss: true },
    ],
  }));
  writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  return file;
}

test.beforeAll(async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: "test-results/.auth/admin.json" })).newPage();
  const report = await importViaApi(admin.request, reviewFile(), { dataset: `review-${run}` });
  datasetId = report.dataset!.id;
  alice = await addMember(admin, browser, `alice-${run}@e2e.test`, "reviewer");
  bob = await addMember(admin, browser, `bob-${run}@e2e.test`, "reviewer");
});

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("a reviewer works through a queue by keyboard, and a second reviewer never gets the same item", async () => {
  await alice.goto(`/trajectories?dataset=${datasetId}`);
  await alice.getByRole("button", { name: "Start reviewing" }).click();
  await expect(alice).toHaveURL(/queue=1/);
  const first = await heading(alice).textContent();

  // Bob starts the same queue at the same time: he is handed another trajectory.
  await bob.goto(`/trajectories?dataset=${datasetId}`);
  await bob.getByRole("button", { name: "Start reviewing" }).click();
  await expect(bob).toHaveURL(/queue=1/);
  expect(await heading(bob).textContent()).not.toBe(first);

  // The grounding hint marks the number the agent never saw ("12"), not the ordinary word "admin".
  await expect(alice.getByTestId("ungrounded").first()).toBeVisible();
  await expect(alice.locator('[data-step="1"]').getByTestId("ungrounded")).toHaveText(["12"]);

  // Rewrite step 1's thought, undo it, mark the step critical: all by keyboard.
  await alice.keyboard.press("j");
  await alice.keyboard.press("e");
  await expect(alice.getByLabel("New thought")).toBeFocused();
  await alice.keyboard.press("Control+a");
  await alice.keyboard.type("I list the folder to count the files.");
  await alice.keyboard.press("Control+Enter");
  const step = alice.locator('[data-step="1"]');
  await expect(step.getByTestId("rewritten")).toContainText("revision 1");
  await expect(step.getByTestId("thought")).toHaveText("I list the folder to count the files.");
  await alice.screenshot({ path: `${SHOTS}/review-mode.png`, fullPage: true });
  await step.focus();
  await alice.keyboard.press("z");
  await expect(step.getByTestId("thought")).toHaveText("I list the folder, the admin said there are 12 files.");
  await expect(step.getByTestId("rewritten")).toHaveCount(0);
  await step.focus();
  await alice.keyboard.press("c");
  await expect(step.getByRole("button", { name: "Critical ✓" })).toBeVisible();

  // Accept: the next item of the queue opens at once.
  await alice.keyboard.press("a");
  await expect(heading(alice)).not.toHaveText(first!);
  const second = await heading(alice).textContent();
  expect(second).not.toBe(await heading(bob).textContent());

  // Reject with a reason (key 1 = wrong answer).
  await alice.keyboard.press("1");
  await alice.keyboard.press("r");
  await expect(heading(alice)).not.toHaveText(second!);

  await alice.goto(`/trajectories?dataset=${datasetId}&status=accepted,rejected`);
  await expect(alice.locator('td[data-column="status"]')).toHaveText(["rejected", "accepted"]);
  await expect(alice.locator('td[data-column="reviewer"]').first()).toContainText(`alice-${run}@e2e.test`);
});

test("a stale thought edit and a stale decision are refused, with the newer version shown", async () => {
  const list = await (await alice.request.get(`/api/v1/trajectories?dataset=${datasetId}&status=pending&sort=id&dir=asc`)).json();
  const target = list.data.at(-1).id;
  await alice.goto(`/trajectories/${target}`);
  await bob.goto(`/trajectories/${target}`);

  for (const page of [alice, bob]) await page.locator('[data-step="1"]').getByRole("button", { name: "Edit thought (e)" }).click();
  await alice.getByLabel("New thought").fill("Alice's clearer thought.");
  await alice.getByRole("button", { name: /Save revision/ }).click();
  await expect(alice.locator('[data-step="1"]').getByTestId("thought")).toHaveText("Alice's clearer thought.");
  await bob.getByLabel("New thought").fill("Bob's thought.");
  await bob.getByRole("button", { name: /Save revision/ }).click();
  await expect(bob.getByTestId("thought-message")).toContainText("changed after you started editing");
  await expect(bob.getByTestId("thought-message")).toContainText("Alice's clearer thought.");

  await alice.getByRole("button", { name: /^Accept/ }).click();
  await expect(alice.getByTestId("review-status")).toHaveText("accepted");
  await bob.getByRole("button", { name: /^Reject/ }).click();
  await expect(bob.getByTestId("review-message")).toContainText("someone decided on this trajectory after you opened it");
  await expect(bob.getByTestId("review-message")).toContainText(`alice-${run}@e2e.test: accepted`);
});

test("bulk reject everything matching a filter, confirmed with the count", async ({ page }) => {
  await page.goto(`/trajectories?dataset=${datasetId}&status=pending`);
  await page.getByRole("checkbox", { name: "Select this page" }).check();
  const pending = await page.getByTestId("trajectory-row").count();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Reject all ${pending} trajectories`);
    void dialog.accept();
  });
  await page.getByTestId("selection-bar").getByRole("button", { name: /^Select all/ }).click();
  await page.getByRole("button", { name: "Reject all" }).click();
  await expect(page.getByTestId("bulk-progress")).toContainText("Deciding");
  // When the job is done the table refreshes: nothing of this filter is pending any more.
  await expect(page.getByTestId("empty-state")).toContainText("No trajectory matches these filters", { timeout: 15_000 });
  const after = await (await page.request.get(`/api/v1/trajectories?dataset=${datasetId}&status=pending`)).json();
  expect(after.data).toEqual([]);
});

test("the agreement page shows the pair and the disputed trajectory", async ({ page }) => {
  // Bob disagrees with Alice on one trajectory she accepted.
  const accepted = await (await bob.request.get(`/api/v1/trajectories?dataset=${datasetId}&status=accepted`)).json();
  const item = accepted.data[0];
  const detail = await (await bob.request.get(`/api/v1/trajectories/${item.id}`)).json();
  const answer = await bob.request.post(`/api/v1/trajectories/${item.id}/reviews`, { data: { decision: "rejected", reasons: ["wrong answer"], version: detail.version } });
  expect(answer.status()).toBe(200);

  await page.goto("/review/agreement");
  await expect(page.getByRole("table", { name: "Per reviewer pair" })).toContainText(`alice-${run}@e2e.test · bob-${run}@e2e.test`);
  await expect(page.getByRole("list", { name: "Disputed trajectories" })).toContainText(item.externalId);
  await page.screenshot({ path: `${SHOTS}/agreement.png`, fullPage: true });
});

test("a viewer sees no review controls, and the review API refuses viewers and anonymous callers", async ({ page, browser }) => {
  const viewer = await addMember(page, browser, `val-${run}@e2e.test`, "viewer");
  const list = await (await viewer.request.get(`/api/v1/trajectories?dataset=${datasetId}`)).json();
  const id = list.data[0].id;
  await viewer.goto(`/trajectories/${id}`);
  await expect(viewer.getByRole("complementary", { name: "Review" })).toContainText("Your role can read reviews but not decide");
  await expect(viewer.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Edit thought (e)" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Start reviewing" })).toHaveCount(0);

  const detail = await (await viewer.request.get(`/api/v1/trajectories/${id}`)).json();
  const stepId = detail.turns.find((turn: { role: string }) => turn.role === "assistant").id;
  const anonymous = await anonymousPage(browser);
  const calls = [
    (p: Page) => p.request.post(`/api/v1/trajectories/${id}/reviews`, { data: { decision: "accepted", version: detail.version } }),
    (p: Page) => p.request.post(`/api/v1/steps/${stepId}/thought-revisions`, { data: { text: "x", version: 0 } }),
    (p: Page) => p.request.put(`/api/v1/steps/${stepId}/critical`, { data: { critical: true } }),
    (p: Page) => p.request.post("/api/v1/queue/next", { data: { filter: `dataset=${datasetId}` } }),
    (p: Page) => p.request.post("/api/v1/bulk-actions", { data: { filter: `dataset=${datasetId}`, decision: "accepted" } }),
  ];
  for (const call of calls) {
    expect((await call(viewer)).status()).toBe(403);
    expect((await call(anonymous)).status()).toBe(401);
  }
});
