import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/access/actor";
import { actorFromSession } from "@/lib/auth/sessions";
import { issueSetupCode } from "@/lib/auth/setup-code";
import { signIn } from "@/lib/auth/sign-in";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { reviewAgreement } from "./agreement";
import { decideTrajectory } from "./decide";

useTestDatabase();

const PASSWORD = "agreement test password";
const context = { requestId: null, ip: null };
let first: TActor;
let second: TActor;
let ids: string[] = [];

async function userActor(email: string): Promise<TActor> {
  const session = await signIn({ email, password: PASSWORD }, { ...context, userAgent: null });
  return (await actorFromSession(session.token, context))!;
}

beforeAll(async () => {
  await createFirstAdmin({ email: "admin@lab.org", password: PASSWORD, setupCode: await issueSetupCode() }, context);
  const admin = await userActor("admin@lab.org");
  for (const email of ["a@lab.org", "b@lab.org"]) await createUser(admin, { email, password: PASSWORD, role: "reviewer" });
  [first, second] = [await userActor("a@lab.org"), await userActor("b@lab.org")];
  await pool().query("insert into datasets (id, name, source_file, format, sha256, size_bytes, imported_by) values (1, 'd', 'd.jsonl', 'agentinstruct', 'x', 1, 'test')");
  const inserted = await pool().query<{ id: string }>(`
    insert into trajectories (dataset_id, external_id, task, instruction, turn_count, step_count, token_count, content_hash)
    select 1, 'item_' || i, case when i <= 2 then 'os' else 'db' end, 'q ' || i, 2, 1, 5, md5(i::text)
      from generate_series(1, 3) i returning id::text`);
  ids = inserted.rows.map((row) => row.id).sort((x, y) => Number(x) - Number(y));
});

describe("review agreement", () => {
  it("counts pairs and tasks and lists the disputed trajectory with who said what", async () => {
    const versions = new Map<string, number>();
    const decide = async (actor: TActor, id: string, decision: "accepted" | "rejected") => {
      const result = await decideTrajectory(actor, id, { decision, version: versions.get(id) ?? 0 });
      versions.set(id, result.version);
    };
    await decide(first, ids[0]!, "accepted");
    await decide(second, ids[0]!, "accepted");
    await decide(first, ids[1]!, "accepted");
    await decide(second, ids[1]!, "rejected");
    await decide(first, ids[2]!, "rejected");
    await decide(second, ids[2]!, "rejected");

    const agreement = await reviewAgreement(first);
    expect(agreement.pairs).toEqual([
      { first: "a@lab.org", second: "b@lab.org", items: 3, agree: 2, firstAccepts: 2, secondAccepts: 1, agreement: 2 / 3, kappa: expect.any(Number) },
    ]);
    expect(agreement.tasks.map(({ task, items, agree }) => ({ task, items, agree }))).toEqual([
      { task: "db", items: 1, agree: 1 },
      { task: "os", items: 2, agree: 1 },
    ]);
    expect(agreement.disputed).toEqual([{ id: ids[1], externalId: "item_2", task: "os", accepted: ["a@lab.org"], rejected: ["b@lab.org"] }]);
  });
});
