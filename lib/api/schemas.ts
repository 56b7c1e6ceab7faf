import { z } from "zod";

/** The largest value of a PostgreSQL `integer` id column. */
const MAX_INT_ID = 2_147_483_647;
/** The largest value of a PostgreSQL `bigint` id column. */
const MAX_BIGINT_ID = 9_223_372_036_854_775_807n;

const DIGITS = /^\d+$/;
const NOT_AN_ID = "must be a positive whole number in plain decimal digits";

/**
 * A row id from a URL (path or query): decimal digits only, so `0x1`, `1e3`,
 * `+1`, `1.0` and ` 1` are refused rather than coerced, and never larger than
 * the column holds (a 20-digit id is a 400, not a database error).
 */
export const ZId = z
  .string()
  .regex(DIGITS, NOT_AN_ID)
  .transform(Number)
  .refine((id) => id >= 1, NOT_AN_ID)
  .refine((id) => id <= MAX_INT_ID, `must be at most ${MAX_INT_ID}`);

/** The same for `bigint` ids (trajectories, turns), kept as a string: JavaScript numbers cannot hold them all. */
export const ZBigId = z
  .string()
  .regex(DIGITS, NOT_AN_ID)
  .transform((id) => BigInt(id))
  .refine((id) => id >= 1n, NOT_AN_ID)
  .refine((id) => id <= MAX_BIGINT_ID, `must be at most ${MAX_BIGINT_ID}`)
  .transform(String);

/** A query parameter that may be given several times (`field=a&field=b`): always an array. */
export const ZRepeated = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()));

/** `?flag=true|false` as a boolean (absent: false). */
export const ZFlag = z.enum(["true", "false"]).optional().transform((value) => value === "true");

/**
 * `present` when the body has `key`, else `absent`: a union that still names the bad field
 * (a zod union only says "Invalid input" when every option fails).
 */
export function ZByKey<A extends z.ZodType, B extends z.ZodType>(key: string, present: A, absent: B) {
  return z.unknown().transform((value, context): z.output<A> | z.output<B> => {
    const schema = typeof value === "object" && value !== null && key in value ? present : absent;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
}
