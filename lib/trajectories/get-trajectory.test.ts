import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/access/actor";
import { pool, prisma } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { getTrajectory } from "./get-trajectory";

useTestDatabase();

const viewer: TActor = { kind: "user", id: 1, email: "r1@lab.org", role: "viewer", via: "session", context: { requestId: null, ip: null } };
const TOOLS = [{ type: "function", function: { name: "search", description: "Find a page", parameters: { type: "object", properties: { q: { type: "string" } } } } }];
let richId = "";
let plainId = "";

beforeAll(async () => {
  await pool().query(`insert into datasets (id, name, kind, source_file, format, sha256, size_bytes, imported_by)
                      values (1, 'tools', 'agent', 't.jsonl', 'openai-tools', 'x', 1, 'test')`);
  await pool().query(`insert into tool_sets (id, hash, tools) values (1, 'h', $1::jsonb)`, [JSON.stringify(TOOLS)]);
  await pool().query(`insert into users (id, email, password_hash, role) values (1, 'r1@lab.org', 'x', 'reviewer'), (2, 'r2@lab.org', 'x', 'reviewer')`);
  const inserted = await pool().query<{ id: string }>(
    `insert into trajectories (dataset_id, external_id, task, source_model, origin, reward, success, run_status, status, instruction,
                               turn_count, step_count, token_count, format_error_count, loop_start_turn, content_hash, review_count,
                               last_reviewer, version, thought_rewritten, metadata, tool_set_id,
                               created_at, updated_at)
     values (1, 'run-7', 'tools', 'gpt-4o', 'self-instruct', 0.75, true, 'completed', 'accepted', 'Find the page',
             2, 1, 40, 1, null, 'hash-rich', 2, 'r2@lab.org', 3, true, '{"split":"train","nested":{"k":[1,2]}}', 1,
             '2026-03-04 05:06:07.123', '2026-03-05 23:30:00.5'),
            (1, 'run-8', 'tools', null, 'unknown', null, null, null, 'pending', '',
             0, 0, 0, 0, null, 'hash-plain', 0, null, 0, false, '{}', null,
             '2026-03-04 05:06:07', '2026-03-04 05:06:07')
     returning id::text`,
  );
  [richId = "", plainId = ""] = inserted.rows.map((row) => row.id);
  await pool().query(`insert into trajectory_contamination (trajectory_id, rate, label) values ($1, 0.125, 'flagged')`, [richId]);
  await pool().query(
    `insert into reviews (trajectory_id, reviewer_id, decision, reasons, comment, created_at, updated_at)
     values ($1, 2, 'accepted', '{}', null, '2026-03-05 10:00:00', '2026-03-05 23:30:00.5'),
            ($1, 1, 'rejected', '{hallucinated_observation}', 'made up', '2026-03-05 09:00:00', '2026-03-05 09:00:00.25')`,
    [richId],
  );
});

afterEach(() => {
  delete process.env.TZ;
});

describe("getTrajectory", () => {
  it("reads every field of the detail as the Prisma model holds it, with the dataset, the declared tools and the reviews in order", async () => {
    const detail = (await getTrajectory(viewer, richId))!;
    const stored = (await prisma().trajectory.findUnique({ where: { id: BigInt(richId) }, include: { dataset: true } }))!;
    expect(detail).toMatchObject({
      id: richId, externalId: "run-7", task: "tools", sourceModel: "gpt-4o", origin: "self-instruct", reward: 0.75, success: true,
      runStatus: "completed", status: "accepted", instruction: "Find the page", turnCount: 2, stepCount: 1, tokenCount: 40,
      formatErrorCount: 1, loopStartTurn: null, contaminationLabel: "flagged", contaminationRate: 0.125, reviewCount: 2,
      lastReviewer: "r2@lab.org", version: 3, thoughtRewritten: true,
      metadata: { split: "train", nested: { k: [1, 2] } },
      createdAt: stored.createdAt.toISOString(),
      updatedAt: stored.updatedAt.toISOString(),
      dataset: { id: 1, name: "tools", kind: "agent", format: "openai-tools" },
      tools: TOOLS,
      turns: [],
    });
    expect(detail.reviews).toEqual([
      { reviewer: "r1@lab.org", decision: "rejected", reasons: ["hallucinated_observation"], comment: "made up", updatedAt: "2026-03-05T09:00:00.250Z" },
      { reviewer: "r2@lab.org", decision: "accepted", reasons: [], comment: null, updatedAt: "2026-03-05T23:30:00.500Z" },
    ]);
    // The API's fields only (the raw row has more: claims, hashes, the tool set id), in the order it has always sent them.
    expect(Object.keys(detail)).toEqual([
      "id", "externalId", "task", "sourceModel", "origin", "reward", "success", "runStatus", "status", "instruction", "turnCount",
      "stepCount", "tokenCount", "formatErrorCount", "loopStartTurn", "contaminationLabel", "contaminationRate", "reviewCount",
      "lastReviewer", "version", "thoughtRewritten", "createdAt", "updatedAt", "dataset", "metadata", "tools", "reviews", "turns",
    ]);
  });

  it("gives [] for tools and nulls for what a run did not record", async () => {
    const detail = (await getTrajectory(viewer, plainId))!;
    expect(detail).toMatchObject({ tools: [], reviews: [], reward: null, success: null, sourceModel: null, contaminationLabel: null, contaminationRate: null, metadata: {} });
  });

  it("reads stored times as UTC, as Prisma writes them, whatever the server's time zone", async () => {
    process.env.TZ = "America/New_York";
    const detail = (await getTrajectory(viewer, richId))!;
    expect(detail.createdAt).toBe("2026-03-04T05:06:07.123Z");
    expect(detail.reviews.map((review) => review.updatedAt)).toEqual(["2026-03-05T09:00:00.250Z", "2026-03-05T23:30:00.500Z"]);
  });

  it("returns null for an id that is not stored or not an id", async () => {
    expect(await getTrajectory(viewer, "999999")).toBeNull();
    expect(await getTrajectory(viewer, "12abc")).toBeNull();
  });
});
