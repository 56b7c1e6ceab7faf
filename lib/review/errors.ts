import { UserFacingError } from "@/lib/errors";

/** Someone saved first: the caller's version is stale. Carries the newer state to show (HTTP 409). */
export class ConflictError extends UserFacingError {
  constructor(message: string, readonly current: unknown) {
    super(message);
  }
}
