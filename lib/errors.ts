/**
 * The domain's errors, one class per kind of refusal. lib/ throws them; the
 * edge (lib/api/errors.ts) maps each to its HTTP answer in one place.
 */

/**
 * An error caused by the user's input (a bad file, flag or parameter), whose
 * message is safe and useful to show as is. Anything else is a server fault:
 * logged, and shown only as a generic message.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know it does): HTTP 404. */
export class NotFoundError extends UserFacingError {}

/** Someone changed it first (a stale version, an already decided proposal); `current` is the newer state to show, if any: HTTP 409. */
export class ConflictError extends UserFacingError {
  constructor(message: string, readonly current?: unknown) {
    super(message);
  }
}

/** No valid session or token: HTTP 401. */
export class UnauthenticatedError extends UserFacingError {
  constructor(message = "sign in first, or send Authorization: Bearer <token>") {
    super(message);
  }
}

/** Signed in, but the role lacks the scope: HTTP 403. */
export class ForbiddenError extends UserFacingError {}

/** A request body over a route's size limit; the message names the limit: HTTP 413. */
export class PayloadTooLargeError extends UserFacingError {}

/** A request's parameters, query or body do not parse; the message names each bad one: HTTP 400. */
export class InvalidInputError extends UserFacingError {}

/**
 * Names each bad field or parameter, e.g. `format: Invalid option`; `prefix` turns names into flags (`--`),
 * `root` names an issue about the whole input.
 */
export function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }, prefix = "", root = "input"): string {
  return error.issues
    .map((issue) => `${issue.path.length ? prefix + issue.path.map(String).join(".") : root}: ${issue.message}`)
    .join("; ");
}
