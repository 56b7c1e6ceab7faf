import { randomUUID } from "node:crypto";
import { clientAddress } from "@/lib/http/forwarded";
import type { TActor, TRequestContext } from "@/lib/access/actor";
import { SESSION_COOKIE, actorFromSession } from "./sessions";
import { actorFromApiToken } from "./tokens";

type THeaders = { get(name: string): string | null };

/**
 * Request id and client address for audit events and the per-address sign-in
 * limit. The address is the one the edge (scripts/serve.ts) resolved from the
 * socket, believing X-Forwarded-For only from proxies TS_TRUST_PROXY names.
 */
export function requestContext(headers: THeaders): TRequestContext {
  const requestId = headers.get("x-request-id")?.slice(0, 100) || randomUUID();
  return { requestId, ip: clientAddress(headers) };
}

export function bearerToken(headers: THeaders): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** The caller of a request: `Authorization: Bearer` wins over the session cookie. */
export async function actorFromCredentials(
  headers: THeaders,
  sessionToken: string | undefined,
  context: TRequestContext,
): Promise<TActor | null> {
  const bearer = bearerToken(headers);
  if (bearer) return actorFromApiToken(bearer, context);
  return sessionToken ? actorFromSession(sessionToken, context) : null;
}

/** Reads one cookie out of a Cookie header (route handlers get the raw request). */
export function cookieFrom(headers: THeaders, name = SESSION_COOKIE): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
