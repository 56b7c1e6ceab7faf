import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { getSetting, getSettings } from "./settings";

useTestDatabase();

describe("reading settings", () => {
  it("reads several in one query: a stored value, the default for a missing one, the default for a value its schema refuses", async () => {
    await pool().query(`delete from app_settings where key = 'thresholds.noRewardTreatment'`);
    await pool().query(`insert into app_settings (key, value) values ('review.statusRule', '"majority"'), ('review.requiredReviews', '"three"')
                        on conflict (key) do update set value = excluded.value`);
    expect(await getSettings(["review.statusRule", "review.requiredReviews", "thresholds.noRewardTreatment"])).toEqual({
      "review.statusRule": "majority",
      "review.requiredReviews": 1,
      "thresholds.noRewardTreatment": "pass",
    });
    expect(await getSetting("review.statusRule")).toBe("majority");
  });
});
