import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getRun } from "@/lib/contamination/run";
import { taskTableCsv, taskTableMarkdown } from "@/lib/contamination/score";
import { UserFacingError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** GET ?format=csv|md: the per-task table (METHOD.md §5) of a finished run, as a download. */
export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const run = await getRun(actor, z.coerce.number().int().positive().parse(params.id));
  if (!run.summary) throw new UserFacingError("the run has not finished");
  const format = new URL(request.url).searchParams.get("format") === "md" ? "md" : "csv";
  const body = format === "md" ? `${taskTableMarkdown(run.summary.table)}\n` : taskTableCsv(run.summary.table);
  return new Response(body, {
    headers: {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="contamination-run-${run.id}.${format}"`,
    },
  });
});
