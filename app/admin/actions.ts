"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ZFormBoolean, ZFormId } from "@/lib/actions/fields";
import { createInvite, revokeInvite } from "@/lib/auth/invites";
import { changeRole, setUserActive } from "@/lib/auth/users";
import { publicOrigin } from "@/lib/http/forwarded";

export const inviteAction = formAction({
  scope: "users:manage",
  input: z.object({ email: z.string(), role: z.string() }),
  run: async (input, actor) => {
    const { token } = await createInvite(actor, input);
    const origin = publicOrigin(await headers());
    revalidatePath("/admin/team");
    return { link: `${origin}/invite/${token}` };
  },
});

export const revokeInviteAction = formAction({
  scope: "users:manage",
  input: z.object({ inviteId: ZFormId }),
  run: async ({ inviteId }, actor) => {
    await revokeInvite(actor, inviteId);
    revalidatePath("/admin/team");
    return { message: "Invitation revoked." };
  },
});

export const changeRoleAction = formAction({
  scope: "users:manage",
  input: z.object({ userId: ZFormId, role: z.string() }),
  run: async ({ userId, role }, actor) => {
    await changeRole(actor, userId, role);
    revalidatePath("/admin/team");
    return { message: "Role saved." };
  },
});

export const setActiveAction = formAction({
  scope: "users:manage",
  input: z.object({ userId: ZFormId, active: ZFormBoolean }),
  run: async ({ userId, active }, actor) => {
    await setUserActive(actor, userId, active);
    revalidatePath("/admin/team");
    return { message: active ? "Reactivated." : "Deactivated." };
  },
});
