import type { MatchExtended, ZxcvbnFactory } from "@zxcvbn-ts/core";
import { UserFacingError } from "@/lib/errors";

/**
 * The password rules (OWASP ASVS 2.1): length in characters (any Unicode,
 * spaces included, nothing else about composition), not a common or easily
 * guessed password by zxcvbn's offline dictionaries, and not built on the
 * user's email or name. Setup, invitations, `user add` and password changes
 * all call passwordProblem.
 */
export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 200;
/** zxcvbn's 0-4 scale; 3 is "safely unguessable" (about 10^10 guesses) even if the hash leaks. */
const MIN_SCORE = 3;
/** Shorter pieces of an email or name would match inside ordinary words. */
const MIN_PERSONAL_CHARS = 3;

export type TPasswordOwner = { email: string; name?: string | null };

let checker: Promise<ZxcvbnFactory> | null = null;

/** The dictionaries are a few MB: loaded on first use, once per process. */
function zxcvbn(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [core, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })().catch((error: unknown) => {
    checker = null;
    throw error;
  });
  return checker;
}

/** The email, its local part, the name, and their word pieces: zxcvbn's user inputs. */
function personalInputs(owner: TPasswordOwner): string[] {
  const email = owner.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const name = owner.name?.trim().toLowerCase() ?? "";
  const pieces = [email, local, name, local.replace(/[^\p{L}\p{N}]+/gu, ""), name.replace(/\s+/g, "")];
  for (const text of [local, name]) pieces.push(...text.split(/[^\p{L}\p{N}]+/u));
  return [...new Set(pieces.filter((piece) => [...piece].length >= MIN_PERSONAL_CHARS))];
}

/**
 * Whether zxcvbn's reading of the password uses a user input. A repeat
 * ("hopper hopper") is one match over its base token, so that is read too.
 */
function usesPersonalInput(checker: ZxcvbnFactory, sequence: MatchExtended[], inputs: string[]): boolean {
  return sequence.some((match) => {
    if (match.pattern === "dictionary" && match.dictionaryName === "userInputs") return true;
    const base: unknown = match.pattern === "repeat" ? match.baseToken : null;
    return typeof base === "string" && base.length < match.token.length && usesPersonalInput(checker, checker.check(base, inputs).sequence, inputs);
  });
}

/** What is wrong with `password` for this user, as a sentence naming the rule; null if it is acceptable. */
export async function passwordProblem(password: string, owner: TPasswordOwner): Promise<string | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_CHARS) return `must be at least ${PASSWORD_MIN_CHARS} characters (it has ${length})`;
  if (length > PASSWORD_MAX_CHARS) return `must be at most ${PASSWORD_MAX_CHARS} characters`;
  const checker = await zxcvbn();
  const inputs = personalInputs(owner);
  const result = checker.check(password, inputs);
  if (usesPersonalInput(checker, result.sequence, inputs)) {
    return "must not contain your email address or your name";
  }
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, "")})` : "";
    return `is too common or too easy to guess${why}: try a few unrelated words`;
  }
  return null;
}

/** Throws a UserFacingError naming the field and the rule broken. */
export async function assertAcceptablePassword(password: string, owner: TPasswordOwner, field = "password"): Promise<void> {
  const problem = await passwordProblem(password, owner);
  if (problem) throw new UserFacingError(`${field}: ${problem}`);
}
