/**
 * Calls a route handler of app/api directly, as Next.js would: route handlers
 * are plain functions `(request, { params })`, so tests need no server.
 */
type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type TCall = {
  method?: string;
  /** Path and query, e.g. `/api/v1/exports/1?inline=1`. */
  path: string;
  params?: Record<string, string>;
  /** A string or bytes is sent as is; anything else as JSON. */
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
};

export const TEST_ORIGIN = "http://studio.test";

export async function callRoute(handler: unknown, call: TCall): Promise<Response> {
  const headers = new Headers(call.headers);
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  let body: BodyInit | undefined;
  if (typeof call.body === "string" || call.body instanceof Uint8Array) body = call.body as BodyInit;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers.set("content-type", "application/json");
  }
  const request = new Request(new URL(call.path, TEST_ORIGIN), { method: call.method ?? "GET", headers, body, duplex: "half" } as RequestInit);
  return (handler as TRouteHandler)(request, { params: Promise.resolve(call.params ?? {}) });
}

/** The `{ error: { code, message } }` of an API answer. */
export async function apiErrorOf(response: Response): Promise<{ code: string; message: string }> {
  const payload = (await response.json()) as { error: { code: string; message: string } };
  return payload.error;
}
