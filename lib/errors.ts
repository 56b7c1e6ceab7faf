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

/** Names each bad field or parameter, e.g. `format: Invalid option`; `prefix` turns names into flags (`--`). */
export function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }, prefix = ""): string {
  return error.issues
    .map((issue) => `${issue.path.length ? prefix + issue.path.map(String).join(".") : "input"}: ${issue.message}`)
    .join("; ");
}

/** The thing asked for does not exist (or the caller may not know it does): HTTP 404. */
export class NotFoundError extends UserFacingError {}
