"use server";

import { redirect } from "next/navigation";
import { acceptInvite } from "@/lib/auth/invites";
import { clearSessionCookie, headerContext, setSessionCookie } from "@/lib/auth/next";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { createFirstAdmin } from "@/lib/auth/users";
import { UserFacingError } from "@/lib/errors";

/** `email` comes back so a refused form keeps what was typed (React resets forms after an action). */
export type TFormState = { error: string | null; email?: string };

/** Only local paths: an open redirect must not ride on the sign-in form. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = String(value ?? "/");
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export async function signInAction(_state: TFormState, form: FormData): Promise<TFormState> {
  const meta = await headerContext();
  try {
    const session = await signIn({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }, meta);
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message, email: String(form.get("email") ?? "") };
    throw error;
  }
  redirect(safeNext(form.get("next")));
}

/**
 * Creates an account from a form with a password and its confirmation, then
 * signs the new user in: shared by first-run setup and invitations.
 */
async function createAccount(form: FormData, create: (password: string, meta: Awaited<ReturnType<typeof headerContext>>) => Promise<number>): Promise<TFormState> {
  const meta = await headerContext();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "the two passwords differ", email };
  try {
    const session = await createSession(await create(password, meta), meta);
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message, email };
    throw error;
  }
  redirect("/");
}

export async function setupAction(_state: TFormState, form: FormData): Promise<TFormState> {
  return createAccount(form, (password, meta) => createFirstAdmin({ email: String(form.get("email") ?? ""), password, setupCode: String(form.get("setupCode") ?? "") }, meta));
}

export async function acceptInviteAction(_state: TFormState, form: FormData): Promise<TFormState> {
  return createAccount(form, (password, meta) => acceptInvite(String(form.get("token") ?? ""), password, meta));
}

export async function signOutAction(): Promise<void> {
  const token = await clearSessionCookie();
  if (token) await deleteSession(token);
  redirect("/sign-in");
}

