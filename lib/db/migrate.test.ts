import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { migrationsUpToDate } from "./migrate";

const url = useTestDatabase();

describe("migrationsUpToDate", () => {
  it("is true on a migrated database and false once a migration is missing", async () => {
    expect(await migrationsUpToDate(url())).toBe(true);
    await pool().query("delete from _prisma_migrations where migration_name = (select max(migration_name) from _prisma_migrations)");
    expect(await migrationsUpToDate(url())).toBe(false);
  });
});
