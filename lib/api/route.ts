import { z } from "zod";
import { type TActor, ForbiddenError, UnauthenticatedError } from "@/lib/auth/actor";
import { actorFromCredentials, bearerToken, cookieFrom, requestContext } from "@/lib/auth/request";
import { SignInError } from "@/lib/auth/sign-in";
import { originMatchesHost } from "@/lib/http/forwarded";
import { describeZodError, NotFoundError, UserFacingError } from "@/lib/errors";
import { ConflictError } from "@/lib/review/errors";
import { apiError } from "./errors";

type THandler<P> = (input: { request: Request; actor: TActor; params: P }) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every /api/v1 handler goes through here: it resolves the caller (token or
 * session), refuses anonymous calls (401) and cross-site writes made with a
 * cookie (403), and turns errors into `{ error: { code, message } }` without
 * stack traces. Permissions are then checked by the lib/ function it calls.
 */
export function apiRoute<P = Record<string, never>>(handler: THandler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const ctx = requestContext(request.headers);
    try {
      const session = cookieFrom(request.headers);
      const actor = await actorFromCredentials(request.headers, session, ctx);
      if (!actor) throw new UnauthenticatedError();
      if (!SAFE_METHODS.has(request.method) && !bearerToken(request.headers) && !sameOrigin(request)) {
        return apiError(403, "cross_origin", "a cookie-authenticated write must come from this site");
      }
      const response = await handler({ request, actor, params: await context.params });
      response.headers.set("x-request-id", ctx.requestId ?? "");
      return response;
    } catch (error) {
      return errorResponse(error, ctx.requestId);
    }
  };
}

/** Maps an error to its HTTP answer; unknown errors are logged and answered generically. */
export function errorResponse(error: unknown, requestId: string | null): Response {
  if (error instanceof UnauthenticatedError) return apiError(401, "unauthenticated", error.message);
  if (error instanceof ForbiddenError) return apiError(403, "forbidden", error.message);
  if (error instanceof SignInError) return apiError(error.status, "sign_in_refused", error.message);
  if (error instanceof NotFoundError) return apiError(404, "not_found", error.message);
  if (error instanceof ConflictError) return Response.json({ error: { code: "conflict", message: error.message, current: error.current } }, { status: 409 });
  if (error instanceof UserFacingError) return apiError(400, "invalid_request", error.message);
  if (error instanceof z.ZodError) return apiError(400, "invalid_parameters", describeZodError(error));
  console.error(`request ${requestId} failed`, error);
  return apiError(500, "internal", `the server failed on this request (request id ${requestId})`);
}

/** Same-site check for cookie-authenticated writes (SameSite=Lax already blocks most; this closes the rest). */
function sameOrigin(request: Request): boolean {
  return originMatchesHost(request.headers);
}
