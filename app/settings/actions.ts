"use server";

import { revalidatePath } from "next/cache";
import { requireActionActor, sessionToken } from "@/lib/auth/next";
import { hashSecret } from "@/lib/auth/secrets";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { changePassword } from "@/lib/auth/users";
import { UserFacingError } from "@/lib/errors";

export type TSettingsState = { error: string | null; message: string | null; token?: string };

async function attempt(work: () => Promise<TSettingsState>): Promise<TSettingsState> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message, message: null };
    throw error;
  }
}

export async function changePasswordAction(_state: TSettingsState, form: FormData): Promise<TSettingsState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const next = String(form.get("next") ?? "");
    if (next !== String(form.get("confirm") ?? "")) return { error: "the two new passwords differ", message: null };
    const current = await sessionToken();
    const { revokedTokens } = await changePassword(actor, { current: String(form.get("current") ?? ""), next }, current ? hashSecret(current) : null);
    revalidatePath("/settings");
    return { error: null, message: `Password changed. Your other sessions were signed out and your API tokens revoked (${revokedTokens}): create new ones for your scripts.` };
  });
}

export async function createTokenAction(_state: TSettingsState, form: FormData): Promise<TSettingsState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const session = await sessionToken();
    const { token, info } = await createApiToken(actor, {
      name: String(form.get("name") ?? ""),
      sessionId: session ? hashSecret(session) : null,
      confirmPassword: String(form.get("password") ?? ""),
    });
    revalidatePath("/settings");
    return { error: null, message: `Token "${info.name}" created. Copy it now: it is not shown again.`, token };
  });
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireActionActor();
  await revokeApiToken(actor, Number(form.get("id")));
  revalidatePath("/settings");
}
