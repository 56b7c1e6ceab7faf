"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { createInvite } from "@/lib/auth/invites";
import { requireActionActor } from "@/lib/auth/next";
import { changeRole, setUserActive } from "@/lib/auth/users";
import { UserFacingError } from "@/lib/errors";
import { publicOrigin } from "@/lib/http/forwarded";

export type TTeamState = { error: string | null; link: string | null };

export async function inviteAction(_state: TTeamState, form: FormData): Promise<TTeamState> {
  try {
    const actor = await requireActionActor();
    const { token } = await createInvite(actor, { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") });
    const origin = publicOrigin(await headers());
    revalidatePath("/admin/team");
    return { error: null, link: `${origin}/invite/${token}` };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message, link: null };
    throw error;
  }
}

export async function changeRoleAction(form: FormData): Promise<void> {
  const actor = await requireActionActor();
  await changeRole(actor, Number(form.get("userId")), String(form.get("role") ?? ""));
  revalidatePath("/admin/team");
}

export async function setActiveAction(form: FormData): Promise<void> {
  const actor = await requireActionActor();
  await setUserActive(actor, Number(form.get("userId")), form.get("active") === "true");
  revalidatePath("/admin/team");
}
