/** The API's one error shape: { error: { code, message } } with the right status. */
export function apiError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
