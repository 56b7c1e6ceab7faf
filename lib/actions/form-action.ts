import { headers } from "next/headers";
import { forbidden, unauthorized, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { can, ForbiddenError, type TActor, UnauthenticatedError } from "@/lib/access/actor";
import { currentActor } from "@/lib/auth/next";
import { requestContext } from "@/lib/auth/request";
import type { TScope } from "@/lib/access/roles";
import { describeZodError, UserFacingError } from "@/lib/errors";
import type { TActionState } from "./state";

type TRun<S extends z.ZodType, T extends object, A> = (input: z.output<S>, actor: A) => Promise<Partial<T>>;

/**
 * Every server action goes through here, as every API route goes through
 * apiRoute: the caller comes from the session cookie only (never a Bearer
 * token); no session answers 401 and a role without `scope` answers 403, both
 * before the input is read; the form's fields are parsed with `input`; a
 * user-facing error becomes the form's `error`, anything else is logged and
 * answered with a generic message (no stack trace). The lib function called by
 * `run` checks its scope again.
 */
export function formAction<S extends z.ZodType, T extends object>(options: { scope: TScope; input: S; run: TRun<S, T, TActor> }) {
  return async (_state: TActionState<T>, form: FormData): Promise<TActionState<T>> =>
    answer(async () => {
      const actor = await currentActor();
      if (!actor) unauthorized();
      if (!can(actor, options.scope)) forbidden();
      return options.run(options.input.parse(formFields(form)), actor);
    });
}

/** The few actions open to anyone: sign-in, first-run setup, invitations, sign-out. Same parsing and errors. */
export function publicFormAction<S extends z.ZodType, T extends object>(options: { input: S; run: TRun<S, T, null> }) {
  return async (_state: TActionState<T>, form: FormData): Promise<TActionState<T>> =>
    answer(async () => options.run(options.input.parse(formFields(form)), null));
}

async function answer<T extends object>(work: () => Promise<Partial<T>>): Promise<TActionState<T>> {
  try {
    return { error: null, ...(await work()) } as TActionState<T>;
  } catch (error) {
    return { error: await actionErrorMessage(error) } as TActionState<T>;
  }
}

/**
 * The message a form shows for an error. Next's own interrupts (redirect,
 * forbidden...) pass through; a lib function's refusal becomes a real 401/403.
 */
async function actionErrorMessage(error: unknown): Promise<string> {
  unstable_rethrow(error);
  if (error instanceof UnauthenticatedError) unauthorized();
  if (error instanceof ForbiddenError) forbidden();
  if (error instanceof z.ZodError) return describeZodError(error);
  if (error instanceof UserFacingError) return error.message;
  const { requestId } = requestContext(await headers());
  console.error(`server action failed (request id ${requestId})`, error);
  return `the server failed on this request (request id ${requestId})`;
}

/** A form's text fields by name (Next's own `$ACTION_...` fields left out). */
function formFields(form: unknown): Record<string, string> {
  if (!(form instanceof FormData)) throw new UserFacingError("input: expected the fields of a form");
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("$ACTION") && typeof value === "string") fields[name] = value;
  }
  return fields;
}
