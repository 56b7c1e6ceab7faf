"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ZFormId } from "@/lib/actions/fields";
import { sessionToken } from "@/lib/auth/next";
import { hashSecret } from "@/lib/auth/secrets";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { changePassword } from "@/lib/auth/users";

const ZPasswordForm = z
  .object({ current: z.string(), next: z.string(), confirm: z.string() })
  .refine((form) => form.next === form.confirm, { message: "the two new passwords differ", path: ["confirm"] });

export const changePasswordAction = formAction({
  scope: "account:manage-own",
  input: ZPasswordForm,
  run: async ({ current, next }, actor) => {
    const session = await sessionToken();
    const { revokedTokens } = await changePassword(actor, { current, next }, session ? hashSecret(session) : null);
    revalidatePath("/settings");
    return { message: `Password changed. Your other sessions were signed out and your API tokens revoked (${revokedTokens}): create new ones for your scripts.` };
  },
});

// Loose: the token form's "confirm your password" field reaches `run` as it is.
const ZNewTokenForm = z.looseObject({ name: z.string(), password: z.string().optional() });

export const createTokenAction = formAction({
  scope: "tokens:manage-own",
  input: ZNewTokenForm,
  run: async (input, actor) => {
    const session = await sessionToken();
    const { token, info } = await createApiToken(actor, {
      name: input.name,
      sessionId: session ? hashSecret(session) : null,
      confirmPassword: input.password ?? "",
    });
    revalidatePath("/settings");
    return { message: `Token "${info.name}" created. Copy it now: it is not shown again.`, token };
  },
});

export const revokeTokenAction = formAction({
  scope: "tokens:manage-own",
  input: z.object({ id: ZFormId }),
  run: async ({ id }, actor) => {
    await revokeApiToken(actor, id);
    revalidatePath("/settings");
    return { message: "Token revoked." };
  },
});
