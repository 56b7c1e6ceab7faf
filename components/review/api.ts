/** JSON calls to /api/v1 from the browser (the session cookie authenticates them). */
export type TApiAnswer<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; current?: unknown };

export async function callApi<T>(path: string, method: string, body?: unknown): Promise<TApiAnswer<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return { ok: true, status: 204, data: null as T };
    const payload = await response.json().catch(() => null);
    if (response.ok) return { ok: true, status: response.status, data: payload as T };
    const error = (payload as { error?: { message?: string; current?: unknown } } | null)?.error;
    return { ok: false, status: response.status, message: error?.message ?? `the server answered ${response.status}`, current: error?.current };
  } catch {
    return { ok: false, status: 0, message: "the server could not be reached" };
  }
}
