import { expect, type Page, test } from "@playwright/test";
import { e2eDatabase } from "./support/database";

/**
 * Replay and review of a tool-calling trajectory. It is written straight into the
 * e2e database in the stored shape (turns.tool_calls, tool_call_ids, call_syntax,
 * tool_sets), so this spec does not depend on any one importer.
 */
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/screens";
const run = Date.now().toString(36);
const XSS_JSON = '{"to": "team", "html": "<script>window.__xss = 1</script>"}';
const XSS_RAW = '<img src=x onerror="window.__xss = 2">';

const TOOLS = [
  {
    type: "function",
    function: { name: "get_forecast", description: "Weather forecast for one city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  },
  { type: "function", function: { name: "send_note", description: "Send a note to the team", parameters: { type: "object", properties: { to: { type: "string" }, html: { type: "string" } } } } },
];

type TSeedTurn = { role: string; text: string; thought?: string; action?: string; kind?: string; calls?: { id: string; name: string; arguments: string }[]; answers?: string[]; task?: boolean };

const TURNS: TSeedTurn[] = [
  { role: "user", text: "Will it rain tomorrow in Lyon or in Paris? Tell the team.", task: true },
  {
    role: "assistant", text: "", thought: "I check Lyon and Paris, then tell the team in Zanzibar.", action: "", kind: "tool_call",
    calls: [{ id: "call_a", name: "get_forecast", arguments: '{"city":"Lyon"}' }, { id: "call_b", name: "get_forecast", arguments: '{"city":"Paris"}' }],
  },
  { role: "observation", text: '{"city": "Lyon", "rain": 0.8}', answers: ["call_a"] },
  { role: "observation", text: '{"city": "Paris", "rain": 0.1}', answers: ["call_b"] },
  {
    role: "assistant", text: "Sending the note.", thought: "Lyon gets rain, Paris stays dry.", action: "Sending the note.", kind: "tool_call",
    calls: [{ id: "call_c", name: "send_note", arguments: XSS_JSON }, { id: "call_d", name: "send_note", arguments: XSS_RAW }],
  },
  { role: "observation", text: "sent", answers: ["call_c"] },
  { role: "assistant", text: "Rain in Lyon (80%), dry in Paris.", thought: "Both results are in.", action: "Rain in Lyon (80%), dry in Paris.", kind: "answer" },
];

let trajectoryId = "";

test.beforeAll(async () => {
  const db = await e2eDatabase();
  try {
    const dataset = await db.query<{ id: number }>(
      "insert into datasets (name, source_file, format, sha256, size_bytes, imported_by) values ($1, 'tools.jsonl', 'openai', $2, 1, 'e2e') returning id",
      [`tool-calls-${run}`, `sha-${run}`],
    );
    const toolSet = await db.query<{ id: number }>("insert into tool_sets (hash, tools) values ($1, $2) returning id", [`tools-${run}`, JSON.stringify(TOOLS)]);
    const trajectory = await db.query<{ id: string }>(
      `insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash, tool_set_id, reward, metadata)
       values ($1, $2, 'weather', $3, $4, 3, 60, $5, $6, 1, '{"rewardField": "resolved"}') returning id::text`,
      [dataset.rows[0]!.id, `weather-${run}`, TURNS[0]!.text, TURNS.length, `hash-${run}`, toolSet.rows[0]!.id],
    );
    trajectoryId = trajectory.rows[0]!.id;
    for (const [index, turn] of TURNS.entries()) {
      await db.query(
        `insert into turns (trajectory_id, index, role, raw_text, thought, action, action_kind, is_task_turn, tool_calls, tool_call_ids, call_syntax)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          trajectoryId, index, turn.role, turn.text, turn.thought ?? null, turn.action ?? null, turn.kind ?? null, turn.task ?? false,
          turn.calls ? JSON.stringify(turn.calls) : null, turn.answers ?? [], turn.calls ? "native" : null,
        ],
      );
    }
  } finally {
    await db.end();
  }
});

const step = (page: Page, n: number) => page.locator(`[data-step="${n}"]`);

test("a tool-calling trajectory replays as call cards linked to their results, with the declared tools, and untrusted arguments stay text", async ({ page }) => {
  await page.goto(`/trajectories/${trajectoryId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`weather-${run}`);

  // Parallel calls stay in one step, each card with its name, pretty-printed arguments and a link to its result.
  const first = step(page, 1).getByTestId("tool-call");
  await expect(step(page, 1).getByText("2 parallel tool calls")).toBeVisible();
  await expect(first.getByTestId("tool-call-name")).toHaveText(["get_forecast", "get_forecast"]);
  await expect(first.getByTestId("tool-call-arguments")).toHaveText(['{\n  "city": "Lyon"\n}', '{\n  "city": "Paris"\n}']);
  await expect(first.getByTestId("tool-call-result-link")).toHaveText(["result: turn 2", "result: turn 3"]);
  await expect(step(page, 1).getByRole("region", { name: "Observation after step 1" })).toHaveCount(2);
  await expect(step(page, 1).getByTestId("answers-calls")).toHaveText(["for call_a", "for call_b"]);
  await first.getByTestId("tool-call-result-link").nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${trajectoryId}#turn-3$`));
  await expect(page.locator("#turn-3")).toContainText('"rain": 0.1');

  // Arguments holding markup are shown as text: no element is created, no script runs.
  const second = step(page, 2).getByTestId("tool-call");
  await expect(second.getByTestId("tool-call-arguments").first()).toContainText('"html": "<script>window.__xss = 1</script>"');
  await expect(second.getByTestId("tool-call-arguments").nth(1)).toHaveText(XSS_RAW);
  await expect(second.nth(1)).toContainText("arguments are not valid JSON");
  await expect(second.nth(1).getByTestId("tool-call-no-result")).toHaveText("no result");
  await expect(page.locator('[data-testid="tool-call-arguments"] script, [data-testid="tool-call-arguments"] img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The final answer is a plain step: its content is the action.
  await expect(step(page, 3).getByTestId("tool-call")).toHaveCount(0);
  await expect(step(page, 3).getByTestId("action")).toHaveText("Rain in Lyon (80%), dry in Paris.");

  // The Tools panel lists the declared tools; each schema unfolds.
  const tools = page.getByTestId("tools-panel");
  await expect(tools).toContainText("2 declared: get_forecast, send_note");
  await tools.locator("summary").first().click();
  await expect(tools.getByTestId("tool")).toHaveCount(2);
  await tools.getByTestId("tool").first().getByText("Parameters schema").click();
  await expect(tools.getByTestId("tool-schema").first()).toContainText('"required": [\n    "city"\n  ]');
  await page.screenshot({ path: `${SHOTS}/tool-calls-replay.png`, fullPage: true });
});

test("a reviewer rewrites the reasoning of a tool-calling step (the calls stay locked) and accepts the trajectory", async ({ page }) => {
  await page.goto(`/trajectories/${trajectoryId}`);
  const target = step(page, 1);
  // The grounding hint marks what the agent never saw in the reasoning; the declared tools count as seen.
  await expect(target.getByTestId("ungrounded")).toHaveText(["Zanzibar"]);
  // No control edits a call.
  await expect(target.getByTestId("tool-call").locator("button, input, textarea, [contenteditable]")).toHaveCount(0);

  await target.getByRole("button", { name: "Edit thought (e)" }).click();
  await page.getByLabel("New thought").fill("I check Lyon and Paris, then tell the team.");
  await page.getByLabel("Reason for the change").fill("the team's city is invented");
  await page.getByRole("button", { name: /Save revision/ }).click();
  await expect(target.getByTestId("rewritten")).toContainText("revision 1");
  await expect(target.getByTestId("thought")).toHaveText("I check Lyon and Paris, then tell the team.");
  await expect(target.getByTestId("ungrounded")).toHaveCount(0);
  await target.getByText("Diff against the imported thought").click();
  await expect(target.getByText("Zanzibar")).toBeVisible();
  // The calls are as imported.
  await expect(target.getByTestId("tool-call-arguments")).toHaveText(['{\n  "city": "Lyon"\n}', '{\n  "city": "Paris"\n}']);

  await page.getByRole("button", { name: /^Accept/ }).click();
  await expect(page.getByTestId("review-status")).toHaveText("accepted");
  await page.screenshot({ path: `${SHOTS}/tool-calls-review.png`, fullPage: true });

  const stored = await (await page.request.get(`/api/v1/trajectories/${trajectoryId}`)).json();
  expect(stored.status).toBe("accepted");
  expect(stored.turns[1].toolCalls).toEqual([{ id: "call_a", name: "get_forecast", arguments: '{"city":"Lyon"}' }, { id: "call_b", name: "get_forecast", arguments: '{"city":"Paris"}' }]);
  expect(stored.turns[1].currentThought).toBe("I check Lyon and Paris, then tell the team.");
});
