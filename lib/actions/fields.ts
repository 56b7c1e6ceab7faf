import { z } from "zod";

/** Form fields arrive as text: these read them strictly (no `0x1`, `1e3` or blank ids). */
export const ZFormId = z.string().regex(/^[1-9]\d{0,14}$/, "must be a positive whole number").transform(Number);

export const ZFormInteger = z.string().regex(/^-?\d{1,15}$/, "must be a whole number").transform(Number);

export const ZFormBoolean = z.enum(["true", "false"]).transform((value) => value === "true");

/** A text field that may be left out of the form (read as ""). */
export const ZFormText = z.string().default("");

/** A new account's form (setup, invitation): the password typed twice. */
export const ZNewAccountForm = z
  .object({ email: z.string(), password: z.string(), confirm: z.string() })
  .refine((form) => form.password === form.confirm, { message: "the two passwords differ", path: ["confirm"] });
