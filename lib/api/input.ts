import type { z } from "zod";
import { describeZodError, InvalidInputError } from "@/lib/errors";

/**
 * A route's input contract (documenso's `.types.ts` idea): zod schemas for the
 * path parameters, the query string and the JSON body. Each part is parsed
 * before the handler runs; a part without a schema is not read.
 */
export type TRouteSchemas = { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };

type TParsed<S extends TRouteSchemas, K extends keyof TRouteSchemas> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

export type TRouteInput<S extends TRouteSchemas> = { params: TParsed<S, "params">; query: TParsed<S, "query">; body: TParsed<S, "body"> };

/** Parses one part; a failure names each bad field, or `root` when the part itself is wrong. */
function parsePart(schema: z.ZodType, value: unknown, root: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(describeZodError(parsed.error, "", root));
  return parsed.data;
}

/** The query string as an object: a key given once is a string, a repeated key an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The JSON body; an empty body is `{}` (every field absent), a malformed one a 400 naming the body. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`body: not valid JSON (${(error as Error).message})`);
  }
}

export async function parseRouteInput<S extends TRouteSchemas>(schemas: S, request: Request, rawParams: Record<string, string>): Promise<TRouteInput<S>> {
  const params = schemas.params ? parsePart(schemas.params, rawParams, "params") : undefined;
  const query = schemas.query ? parsePart(schemas.query, queryObject(new URL(request.url)), "query") : undefined;
  const body = schemas.body ? parsePart(schemas.body, await jsonBody(request), "body") : undefined;
  return { params, query, body } as TRouteInput<S>;
}
