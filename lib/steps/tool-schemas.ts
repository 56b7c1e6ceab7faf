/**
 * JSON Schema validators of a declared tool set, compiled once per distinct set (by its hash) and
 * kept in a small cache: an import of a release whose rows all declare the same tools compiles
 * each schema once, not once per row.
 */
import { Ajv, type ValidateFunction } from "ajv";
import type { TToolSet } from "./tool-set";

/** A compiled schema, with a one-line description of its last failure. */
export type TArgumentsValidator = ((args: unknown) => boolean) & { describe(): string };

/** Tool name → validator, or null for a declared tool without a usable schema (none, or one Ajv cannot compile). */
export type TToolValidators = Map<string, TArgumentsValidator | null>;

const MAX_CACHED_SETS = 64;
const cache = new Map<string, TToolValidators>();

export function toolValidators(toolSet: TToolSet): TToolValidators {
  const cached = cache.get(toolSet.hash);
  if (cached) {
    // refresh its place: the cache evicts the least recently used set
    cache.delete(toolSet.hash);
    cache.set(toolSet.hash, cached);
    return cached;
  }
  const validators = compile(toolSet);
  cache.set(toolSet.hash, validators);
  if (cache.size > MAX_CACHED_SETS) cache.delete(cache.keys().next().value!);
  return validators;
}

/** How many distinct tool sets were compiled and are still cached (tests check that a set is compiled once). */
export function cachedToolSetCount(): number {
  return cache.size;
}

function compile(toolSet: TToolSet): TToolValidators {
  // One Ajv per set, dropped with it. Real schemas use keywords and formats Ajv's strict mode
  // rejects (OpenAI's "strict", descriptions in odd places): validate what the schema states, ignore the rest.
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, validateSchema: false });
  const validators: TToolValidators = new Map();
  for (const tool of toolSet.tools) {
    const name = tool.function.name;
    if (validators.has(name)) continue;
    const schema = tool.function.parameters;
    validators.set(name, schema === undefined ? null : compileOne(ajv, schema));
  }
  return validators;
}

function compileOne(ajv: Ajv, schema: Record<string, unknown>): TArgumentsValidator | null {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch {
    return null;
  }
  const check = (args: unknown) => validate(args) === true;
  return Object.assign(check, { describe: () => ajv.errorsText(validate.errors, { dataVar: "arguments" }) });
}
