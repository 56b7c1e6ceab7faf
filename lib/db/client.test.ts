import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { closeDb, pool, prisma } from "./client";
import { useTestDatabase } from "@/testing/database";

const databaseUrl = useTestDatabase();

describe("the database client", () => {
  it("works in UTC whatever zone the server and the process are set to, as Prisma stores times", async () => {
    const name = new URL(databaseUrl()).pathname.slice(1);
    await pool().query(`alter database ${name} set timezone = 'America/New_York'`);
    await closeDb();
    process.env.TZ = "Asia/Kolkata";
    try {
      expect((await pool().query("select current_setting('TimeZone') as zone")).rows[0].zone).toBe("UTC");
      // A default of now() (server side) and a time Prisma writes (client side) land in the same zone.
      await pool().query("insert into app_settings (key, value) values ('zone.check', '1')");
      const byDefault = await pool().query<{ updatedAt: Date }>("select updated_at as \"updatedAt\" from app_settings where key = 'zone.check'");
      expect(Math.abs(byDefault.rows[0]!.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
      const written = new Date("2026-03-04T05:06:07.123Z");
      await prisma().appSetting.update({ where: { key: "zone.check" }, data: { updatedAt: written } });
      const raw = await pool().query<{ updatedAt: Date; text: string }>(
        "select updated_at as \"updatedAt\", updated_at::text as text from app_settings where key = 'zone.check'",
      );
      expect(raw.rows[0]!.text).toBe("2026-03-04 05:06:07.123");
      expect(raw.rows[0]!.updatedAt.toISOString()).toBe("2026-03-04T05:06:07.123Z");
      // A Date sent as a parameter is stored as the same UTC wall time Prisma writes.
      await pool().query("update app_settings set updated_at = $1 where key = 'zone.check'", [new Date("2026-07-08T09:10:11.456Z")]);
      const sent = await pool().query<{ text: string }>("select updated_at::text as text from app_settings where key = 'zone.check'");
      expect(sent.rows[0]!.text).toBe("2026-07-08 09:10:11.456");
      // What is not a plain date and time is read as node-postgres reads it.
      const edge = await pool().query<{ infinite: unknown; ancient: Date }>("select 'infinity'::timestamp as infinite, '0044-03-15 12:00:00 BC'::timestamp as ancient");
      expect(edge.rows[0]!.infinite).toBe(Infinity);
      expect(edge.rows[0]!.ancient.getTime()).not.toBeNaN();
    } finally {
      delete process.env.TZ;
    }
  });

  it("hands out a new connection with no query queued on it: the session's SET is done first (pg 9 refuses a query behind another)", () => {
    // A process of its own: node-postgres warns once per process, and this file's other test has connected already.
    const script = `
      import { closeDb, pool } from "./lib/db/client.ts";
      const warnings = [];
      process.on("warning", (warning) => warnings.push(warning.name + ": " + warning.message));
      const zones = await Promise.all([1, 2, 3].map(() => pool().query("select current_setting('TimeZone') as zone")));
      await closeDb();
      await new Promise((resolve) => setImmediate(resolve));
      process.stdout.write(JSON.stringify({ zones: zones.map((result) => result.rows[0].zone), warnings }));`;
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: databaseUrl() },
    });
    expect(JSON.parse(output)).toEqual({ zones: ["UTC", "UTC", "UTC"], warnings: [] });
  });
});
