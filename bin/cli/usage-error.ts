import { UserFacingError } from "@/lib/errors";

/** The command line itself is wrong (unknown command or option, missing argument): exit status 2. */
export class UsageError extends UserFacingError {}

/** Usage errors are ours and node:util parseArgs' (ERR_PARSE_ARGS_UNKNOWN_OPTION and its kin). */
export function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
