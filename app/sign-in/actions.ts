"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/actions/form-action";
import { clearSessionCookie, headerContext, setSessionCookie } from "@/lib/auth/next";
import { deleteSession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";

const ZSignInForm = z.object({ email: z.string(), password: z.string(), next: z.string().default("/") });

/** Only local paths: an open redirect must not ride on the sign-in form. */
function safeNext(next: string): string {
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export const signInAction = publicFormAction({
  input: ZSignInForm,
  run: async ({ email, password, next }) => {
    const session = await signIn({ email, password }, await headerContext());
    await setSessionCookie(session.token, session.expiresAt);
    redirect(safeNext(next));
  },
});

export const signOutAction = publicFormAction({
  input: z.object({}),
  run: async () => {
    const token = await clearSessionCookie();
    if (token) await deleteSession(token);
    redirect("/sign-in");
  },
});
