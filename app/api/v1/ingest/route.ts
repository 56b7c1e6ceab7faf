import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { PayloadTooLargeError, UserFacingError } from "@/lib/errors";
import { INGEST_LIMIT_MESSAGE, INGEST_MAX_BYTES, ingestRecords } from "@/lib/import/ingest";
import { IMPORT_FORMATS } from "@/lib/import/options";

export const dynamic = "force-dynamic";

const ZIngestQuery = z.object({
  dataset: z.string().trim().min(1, "name the dataset (?dataset=NAME)").max(200),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  task: z.string().trim().min(1).optional(),
  kind: z.enum(["agent", "general"]).optional(),
});

/**
 * POST /api/v1/ingest?dataset=NAME: the body is NDJSON, one record (a finished
 * run, in any supported format) per line, at most 32 MB. The records are stored
 * at once into the dataset (created on the first push); the answer (200) lists
 * each line as imported, duplicate (already stored: a retried batch adds
 * nothing) or error, with the reason and the trajectory id.
 */
// The scope is checked before the body is read; a body declared too large is refused before it is read.
export const POST = apiRoute({ scope: "datasets:import", query: ZIngestQuery }, async ({ request, actor, query }) => {
  if (Number(request.headers.get("content-length") ?? 0) > INGEST_MAX_BYTES) throw new PayloadTooLargeError(INGEST_LIMIT_MESSAGE);
  if (!request.body) throw new UserFacingError("send the records as the request body, one JSON object per line");
  const report = await ingestRecords(actor, Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), {
    datasetName: query.dataset,
    format: query.format,
    task: query.task,
    kind: query.kind,
  });
  return Response.json(report);
});
