"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/actions/form-action";
import { ZNewAccountForm } from "@/lib/actions/fields";
import { headerContext, startSession } from "@/lib/auth/next";
import { acceptInvite } from "@/lib/auth/invites";

/** Creates the invited account (the token is the permission: acceptInvite checks it) and signs it in. */
export const acceptInviteAction = publicFormAction({
  input: ZNewAccountForm.and(z.object({ token: z.string() })),
  run: async ({ token, password }) => {
    await startSession(await acceptInvite(token, password, await headerContext()));
    redirect("/");
  },
});
