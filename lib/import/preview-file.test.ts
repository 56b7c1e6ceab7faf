import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { useTestDatabase } from "@/testing/database";
import { osRow, scratchDir, writeLines } from "@/testing/fixtures";
import { previewFile } from "./preview-file";

useTestDatabase();
const ADMIN = systemActor("test");

describe("previewFile", () => {
  it("shows the first records as the import reads them, bad ones with their line, and stores nothing", async () => {
    const file = writeLines(scratchDir(), "os-preview.jsonl", [
      osRow("os_1", "How many files?", [{ think: "count", bash: "ls | wc -l", output: "3" }, { think: "done", answer: "3" }]),
      "{not json",
      { id: "os_3", conversations: "nope" },
      osRow("os_4", "Uptime?", [{ think: "look", answer: "1 day" }]),
    ]);
    const preview = await previewFile(ADMIN, { filePath: file });
    expect(preview.format).toBe("agentinstruct");
    expect(preview.rows.map((row) => [row.kind, row.line])).toEqual([["record", 1], ["error", 2], ["error", 3], ["record", 4]]);
    expect(preview.rows[0]).toMatchObject({ externalId: "os_1", task: "os", steps: 2, formatErrors: 0, reward: null });
    expect(preview.rows[2]).toMatchObject({ kind: "error", message: expect.stringContaining("conversations") });
    const stored = await pool().query<{ n: number }>("select (select count(*) from datasets)::int + (select count(*) from trajectories)::int as n");
    expect(stored.rows[0]!.n).toBe(0);
  });

  it("stops at the limit, and needs the import permission", async () => {
    const file = writeLines(scratchDir(), "os-many.jsonl", Array.from({ length: 30 }, (_, i) => osRow(`os_${i}`, `Question ${i}?`, [{ think: "t", answer: "1" }])));
    expect((await previewFile(ADMIN, { filePath: file }, 5)).rows).toHaveLength(5);
    const viewer = { kind: "user" as const, id: 9, email: "v@lab.org", role: "viewer" as const, via: "session" as const, context: { requestId: null, ip: null } };
    await expect(previewFile(viewer, { filePath: file })).rejects.toThrow(ForbiddenError);
  });
});
