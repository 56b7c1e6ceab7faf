import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { AppSetting, Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";

/**
 * Team-wide settings, stored in app_settings, each with its schema and
 * default. Reading needs no scope beyond being signed in; changing needs
 * "settings:manage" and is audited.
 */
export const SETTINGS = {
  "thresholds.defaultForOtherTasks": { schema: z.number().min(0).max(1), fallback: 1 },
  "thresholds.noRewardTreatment": { schema: z.enum(["pass", "exclude"]), fallback: "pass" as "pass" | "exclude" },
  "review.requiredReviews": { schema: z.number().int().min(1).max(9), fallback: 1 },
  "review.statusRule": { schema: z.enum(["first", "majority"]), fallback: "first" as "first" | "majority" },
} as const;

export type TSettingKey = keyof typeof SETTINGS;
export type TSettingValue<K extends TSettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

export async function getSetting<K extends TSettingKey>(key: K): Promise<TSettingValue<K>> {
  return (await getSettings([key]))[key];
}

/** Several settings in one query; a stored value its schema refuses reads as the default. Plain SQL: every decision reads two. */
export async function getSettings<K extends TSettingKey>(keys: K[]): Promise<{ [P in K]: TSettingValue<P> }> {
  const found = await pool().query<Pick<AppSetting, "key" | "value">>("select key, value from app_settings where key = any($1::text[])", [keys]);
  const stored = new Map(found.rows.map((row) => [row.key, row.value]));
  const values = keys.map((key) => {
    const parsed = SETTINGS[key].schema.safeParse(stored.get(key));
    return [key, parsed.success ? parsed.data : SETTINGS[key].fallback];
  });
  return Object.fromEntries(values) as { [P in K]: TSettingValue<P> };
}

export async function setSetting<K extends TSettingKey>(actor: TActor, key: K, value: unknown): Promise<void> {
  assertCan(actor, "settings:manage");
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) throw new UserFacingError(`${key}: ${parsed.error.issues[0]!.message}`);
  // Every setting's schema is a number or a string enum: valid JSON.
  const stored = parsed.data as Prisma.InputJsonValue;
  await inTransaction(async (tx) => {
    const [before] = await tx.$queryRaw<Pick<AppSetting, "value">[]>`select value from app_settings where key = ${key} for update`;
    await tx.appSetting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } });
    await recordAudit(tx, actor, { type: "setting.changed", target: { type: "setting", id: key }, before: before?.value ?? null, after: stored });
  });
}
