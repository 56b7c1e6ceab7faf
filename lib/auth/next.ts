import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { can, type TActor } from "@/lib/access/actor";
import { requestContext } from "./request";
import type { TScope } from "@/lib/access/roles";
import { actorFromSession, createSession, SESSION_COOKIE } from "./sessions";
import { userCount } from "./users";

/** Session handling for pages and server actions (route handlers use lib/api/route.ts). */

/**
 * The signed-in user of a page or server action: from the session cookie only.
 * An `Authorization: Bearer` token is for /api/v1 and signs nobody in here, so
 * a token cannot reach what needs a session (creating tokens, the team pages).
 */
export async function currentActor(): Promise<TActor | null> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const token = cookieStore.get(SESSION_COOKIE)?.value;
  return token ? actorFromSession(token, requestContext(headerList)) : null;
}

/**
 * Pages: the signed-in actor, or a redirect to first-run setup or sign-in; with
 * a `scope` the role lacks, a 403 page (app/forbidden.tsx).
 */
export async function requirePageActor(scope?: TScope): Promise<TActor> {
  const actor = await currentActor();
  if (!actor) {
    if ((await userCount()) === 0) redirect("/setup");
    redirect("/sign-in");
  }
  if (scope && !can(actor, scope)) forbidden();
  return actor;
}

export function actorCan(actor: TActor, scope: TScope): boolean {
  return can(actor, scope);
}

/** Secure, http-only, same-site cookie; TS_INSECURE_COOKIES=1 only for plain-HTTP deployments off localhost. */
export async function setSessionCookie(token: string, expires: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: process.env.TS_INSECURE_COOKIES !== "1",
    sameSite: "lax",
    path: "/",
    expires,
  });
}

export async function clearSessionCookie(): Promise<string | undefined> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  store.delete(SESSION_COOKIE);
  return token;
}

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function headerContext() {
  const headerList = await headers();
  return { ...requestContext(headerList), userAgent: headerList.get("user-agent") };
}

/** Signs a user in on this browser: a new session and its cookie (after sign-in, setup or an accepted invitation). */
export async function startSession(userId: number): Promise<void> {
  const session = await createSession(userId, await headerContext());
  await setSessionCookie(session.token, session.expiresAt);
}
