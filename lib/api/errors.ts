import { z } from "zod";
import { SignInError } from "@/lib/auth/sign-in";
import {
  ConflictError,
  describeZodError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UserFacingError,
} from "@/lib/errors";

/** The API's one error shape: { error: { code, message } } with the right status. */
export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

export type THttpError = { status: number; code: string; message: string; current?: unknown };

/**
 * The one map from domain errors to HTTP: status, code and a message safe to
 * show. Null for anything else, which is a server fault (no detail leaves it).
 */
export function httpErrorOf(error: unknown): THttpError | null {
  if (error instanceof UnauthenticatedError) return { status: 401, code: "unauthenticated", message: error.message };
  if (error instanceof ForbiddenError) return { status: 403, code: "forbidden", message: error.message };
  if (error instanceof SignInError) return { status: error.status, code: "sign_in_refused", message: error.message };
  if (error instanceof NotFoundError) return { status: 404, code: "not_found", message: error.message };
  if (error instanceof ConflictError) return { status: 409, code: "conflict", message: error.message, current: error.current };
  if (error instanceof PayloadTooLargeError) return { status: 413, code: "payload_too_large", message: error.message };
  if (error instanceof InvalidInputError) return { status: 400, code: "invalid_parameters", message: error.message };
  if (error instanceof UserFacingError) return { status: 400, code: "invalid_request", message: error.message };
  if (error instanceof z.ZodError) return { status: 400, code: "invalid_parameters", message: describeZodError(error) };
  return null;
}

/** Maps an error to its HTTP answer; unknown errors are logged and answered generically. */
export function errorResponse(error: unknown, requestId: string | null): Response {
  const known = httpErrorOf(error);
  if (known) {
    const { status, code, message, current } = known;
    return apiError(status, code, message, current === undefined ? {} : { current });
  }
  console.error(`request ${requestId} failed`, error);
  return apiError(500, "internal", `the server failed on this request (request id ${requestId})`);
}
