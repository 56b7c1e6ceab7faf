import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { can, type TActor, UnauthenticatedError } from "./actor";
import { actorFromCredentials, requestContext } from "./request";
import type { TScope } from "./roles";
import { SESSION_COOKIE } from "./sessions";
import { userCount } from "./users";

/** Session handling for pages and server actions (route handlers use lib/api/route.ts). */

export async function currentActor(): Promise<TActor | null> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return actorFromCredentials(headerList, cookieStore.get(SESSION_COOKIE)?.value, requestContext(headerList));
}

/** Pages: the signed-in actor, or a redirect to first-run setup or sign-in. */
export async function requirePageActor(): Promise<TActor> {
  const actor = await currentActor();
  if (actor) return actor;
  if ((await userCount()) === 0) redirect("/setup");
  redirect("/sign-in");
}

/** Server actions: the signed-in actor, or an error (actions are called directly, so they check too). */
export async function requireActionActor(): Promise<TActor> {
  const actor = await currentActor();
  if (!actor) throw new UnauthenticatedError("your session has ended: sign in again");
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
