import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Unauthenticated: app and database state for load balancers and humans. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
