import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { SearchVectors } from "./search-vectors";

useTestDatabase();

/** The backend pids of connections whose last statement computed search vectors. */
async function vectorBackends(): Promise<number[]> {
  const result = await pool().query<{ pid: number }>(
    "select pid from pg_stat_activity where query like '%to_tsvector(''simple'', instruction)::text as vector%' and pid <> pg_backend_pid()",
  );
  return result.rows.map((row) => row.pid);
}

describe("the import's search vectors", () => {
  it("are PostgreSQL's own, in the order given, from a connection of their own", async () => {
    const vectors = await SearchVectors.open();
    try {
      expect(await vectors.of(["Grep the Linux log", "", "Linux linux LINUX"])).toEqual(["'grep':1 'linux':3 'log':4 'the':2", "", "'linux':1,2,3"]);
      expect(await vectorBackends()).toHaveLength(1);
    } finally {
      await vectors.close();
    }
  });

  it("come back as none, for the insert trigger to compute, once their connection is gone", async () => {
    const vectors = await SearchVectors.open();
    try {
      expect(await vectors.of(["first"])).toEqual(["'first':1"]);
      const [pid] = await vectorBackends();
      await pool().query("select pg_terminate_backend($1)", [pid]);
      expect(await vectors.of(["second"])).toBeNull();
      expect(await vectors.of(["third"])).toBeNull();
    } finally {
      await vectors.close();
    }
  });
});
