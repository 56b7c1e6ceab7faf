import { UserFacingError } from "@/lib/errors";

/** The file as a whole cannot be read (empty, not JSON, unknown format): shown to the user as is. */
export class FormatError extends UserFacingError {}
