import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { getRun } from "@/lib/contamination/run";
import { taskTableCsv, taskTableMarkdown } from "@/lib/contamination/score";
import { UserFacingError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const ZReport = { params: z.object({ id: ZId }), query: z.object({ format: z.enum(["csv", "md"]).default("csv") }) };

/** GET ?format=csv|md: the per-task table (docs/method.md §5) of a finished run, as a download. */
export const GET = apiRoute(ZReport, async ({ actor, params, query }) => {
  const run = await getRun(actor, params.id);
  if (!run.summary) throw new UserFacingError("the run has not finished");
  const { format } = query;
  const body = format === "md" ? `${taskTableMarkdown(run.summary.table)}\n` : taskTableCsv(run.summary.table);
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="contamination-run-${run.id}.${format}"`,
    },
  });
});
