/**
 * JSON calls to /api/v1 from the browser (the session cookie authenticates them).
 * Every route answers an error as `{ error: { code, message } }` (a conflict adds
 * the `current` state): the answer carries those, or a message of its own when the
 * body is not that shape or the server cannot be reached.
 */
export type TApiError = { code: string; message: string; current?: unknown };
export type TApiAnswer<T> = { ok: true; status: number; data: T } | ({ ok: false; status: number } & TApiError);

/** `body`: a Blob or File is sent as it is (uploads); anything else as JSON. */
export async function callApi<T>(path: string, method = "GET", body?: unknown): Promise<TApiAnswer<T>> {
  try {
    const response = await fetch(path, { method, ...requestBody(body) });
    if (response.status === 204) return { ok: true, status: 204, data: null as T };
    const payload = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, status: response.status, data: payload as T };
    return { ok: false, status: response.status, ...errorOf(payload, response.status) };
  } catch {
    return { ok: false, status: 0, code: "unreachable", message: "the server could not be reached" };
  }
}

function requestBody(body: unknown): RequestInit {
  if (body === undefined) return {};
  if (body instanceof Blob) return { body };
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function errorOf(payload: unknown, status: number): TApiError {
  const error = (payload as { error?: Partial<TApiError> } | null)?.error;
  return {
    code: typeof error?.code === "string" ? error.code : "http_error",
    message: typeof error?.message === "string" ? error.message : `the server answered ${status}`,
    ...(error?.current === undefined ? {} : { current: error.current }),
  };
}
