/**
 * `jobs list` pages with a keyset cursor (newest first): every job once, in
 * order, across pages; a bad cursor is named. Real PostgreSQL and engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/access/actor";
import { exportJob } from "@/lib/export/export-job";
import { UserFacingError } from "@/lib/errors";
import type { TJobKind } from "@/lib/jobs/context";
import { queueFor, stopJobEngine } from "@/lib/jobs/engine";
import { useTestDatabase } from "@/testing/database";
import { listJobs, listJobsPage } from "./jobs";

useTestDatabase();
const ADMIN = systemActor("test");
let ids: string[] = [];

beforeAll(async () => {
  // Jobs no worker takes (none runs here): they stay queued, newest first in the list.
  const boss = await queueFor(exportJob as TJobKind<unknown>);
  for (let n = 0; n < 5; n++) await boss.insert(exportJob.name, [{ data: { n } }]);
  ids = (await listJobs(ADMIN, { kind: "export", limit: 200 })).map((job) => job.id);
});

afterAll(async () => {
  await stopJobEngine();
});

describe("listJobsPage", () => {
  it("walks every job once, newest first, two at a time, and ends without a cursor", async () => {
    expect(ids).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    const cursors: (string | null)[] = [];
    do {
      const page = await listJobsPage(ADMIN, { kind: "export", limit: 2, cursor });
      seen.push(...page.jobs.map((job) => job.id));
      cursors.push(page.nextCursor);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(cursors).toHaveLength(3);
    expect(cursors.at(-1)).toBeNull();
  });

  it("names a cursor it cannot read", async () => {
    const error = await listJobsPage(ADMIN, { cursor: "not-a-cursor" }).then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error!.message).toMatch(/^cursor:/);
  });
});
