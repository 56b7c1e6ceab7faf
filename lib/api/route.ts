import { assertCan, type TActor, UnauthenticatedError } from "@/lib/access/actor";
import { actorFromCredentials, bearerToken, cookieFrom, requestContext } from "@/lib/auth/request";
import type { TScope } from "@/lib/access/roles";
import { originMatchesHost } from "@/lib/http/forwarded";
import { apiError, errorResponse } from "./errors";
import { parseRouteInput, type TRouteInput, type TRouteSchemas } from "./input";

/** What a route declares: its input schemas and, for the routes that need more than reading, the scope it requires. */
export type TRouteContract = TRouteSchemas & { scope?: TScope };

type THandler<S extends TRouteSchemas> = (input: TRouteInput<S> & { request: Request; actor: TActor }) => Promise<Response>;

type TNextContext = { params: Promise<Record<string, string>> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every /api/v1 handler goes through here, in this order: it resolves the
 * caller (token or session) and refuses anonymous calls (401), refuses
 * cross-site writes made with a cookie (403), checks the declared scope (403,
 * before any input is read), parses params, query and body with the route's
 * schemas (400 naming the bad one), and turns errors into
 * `{ error: { code, message } }` without stack traces. The lib/ function the
 * handler calls checks its own permission as well.
 */
export function apiRoute(handler: THandler<Record<string, never>>): (request: Request, context: TNextContext) => Promise<Response>;
export function apiRoute<S extends TRouteContract>(contract: S, handler: THandler<S>): (request: Request, context: TNextContext) => Promise<Response>;
export function apiRoute<S extends TRouteContract>(
  contractOrHandler: S | THandler<S>,
  maybeHandler?: THandler<S>,
): (request: Request, context: TNextContext) => Promise<Response> {
  const contract = (typeof contractOrHandler === "function" ? {} : contractOrHandler) as S;
  const handler = (typeof contractOrHandler === "function" ? contractOrHandler : maybeHandler) as THandler<S>;
  return async (request, context) => {
    const ctx = requestContext(request.headers);
    try {
      const session = cookieFrom(request.headers);
      const actor = await actorFromCredentials(request.headers, session, ctx);
      if (!actor) throw new UnauthenticatedError();
      if (!SAFE_METHODS.has(request.method) && !bearerToken(request.headers) && !sameOrigin(request)) {
        return apiError(403, "cross_origin", "a cookie-authenticated write must come from this site");
      }
      if (contract.scope) assertCan(actor, contract.scope);
      const input = await parseRouteInput(contract, request, await context.params);
      const response = await handler({ ...input, request, actor });
      response.headers.set("x-request-id", ctx.requestId ?? "");
      return response;
    } catch (error) {
      return errorResponse(error, ctx.requestId);
    }
  };
}

/** Same-site check for cookie-authenticated writes (SameSite=Lax already blocks most; this closes the rest). */
function sameOrigin(request: Request): boolean {
  return originMatchesHost(request.headers);
}
