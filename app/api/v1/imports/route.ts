import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { ZFlag } from "@/lib/api/schemas";
import { UserFacingError } from "@/lib/errors";
import { importFile } from "@/lib/import/import-file";
import { IMPORT_FORMATS } from "@/lib/import/options";
import { saveUpload } from "@/lib/import/upload";

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
 * POST /api/v1/imports?fileName=...: the request body is the file itself. The
 * answer streams NDJSON: `progress` lines while importing, then one `report`
 * (or `error`) line.
 */
// The scope is checked before the upload is read, so a refused caller sends no file to disk.
export const POST = apiRoute({ scope: "datasets:import", query: ZImportQuery }, async ({ request, actor, query }) => {
  if (!request.body) throw new UserFacingError("send the file as the request body");

  const upload = await saveUpload(request.body);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const report = await importFile(
          actor,
          {
            filePath: upload.filePath,
            fileName: query.fileName,
            format: query.format,
            datasetName: query.dataset,
            task: query.task,
            kind: query.kind,
            strict: query.strict,
          },
          { onProgress: (progress) => send({ type: "progress", ...progress }), signal: request.signal },
        );
        send({ type: "report", report });
      } catch (error) {
        const answer = (await errorResponse(error, actor.context.requestId).json()) as { error: unknown };
        send({ type: "error", error: answer.error });
      } finally {
        await upload.remove();
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
});

