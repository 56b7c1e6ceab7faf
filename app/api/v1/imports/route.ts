import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZFlag } from "@/lib/api/schemas";
import { UserFacingError } from "@/lib/errors";
import { IMPORT_FORMATS } from "@/lib/import/options";
import { queueImport } from "@/lib/import/queue-import";

export const dynamic = "force-dynamic";

const ZImportQuery = z.object({
  fileName: z.string().trim().min(1, "name the uploaded file").max(255),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  dataset: z.string().trim().min(1).max(200).optional(),
  task: z.string().trim().min(1).optional(),
  kind: z.enum(["agent", "general"]).optional(),
  strict: ZFlag,
});

/**
 * POST /api/v1/imports?fileName=...: the request body is the file itself. It is
 * stored and its format checked, then a worker imports it: the answer (202) is
 * the job, to poll at GET /api/v1/jobs/:id (state, progress in bytes, and the
 * import report as its output once done).
 */
// The scope is checked before the upload is read, so a refused caller sends no file to disk.
export const POST = apiRoute({ scope: "datasets:import", query: ZImportQuery }, async ({ request, actor, query }) => {
  if (!request.body) throw new UserFacingError("send the file as the request body");
  const queued = await queueImport(actor, Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), {
    fileName: query.fileName,
    format: query.format,
    datasetName: query.dataset,
    task: query.task,
    kind: query.kind,
    strict: query.strict,
  });
  const poll = `/api/v1/jobs/${queued.jobId}`;
  return Response.json({ job: { id: queued.jobId, kind: "import", state: "queued" }, poll }, { status: 202, headers: { location: poll } });
});
