import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { importFile } from "@/lib/import/import-file";
import { describeZodError, UserFacingError } from "@/lib/errors";
import { IMPORT_FORMATS } from "@/lib/import/options";
import { saveUpload } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

const ZImportQuery = z.object({
  fileName: z.string().trim().min(1, "name the uploaded file").max(255),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  dataset: z.string().trim().min(1).max(200).optional(),
  task: z.string().trim().min(1).optional(),
  kind: z.enum(["agent", "general"]).optional(),
  strict: z.enum(["true", "false"]).optional().transform((value) => value === "true"),
});

/**
 * POST /api/v1/imports?fileName=...: the request body is the file itself. The
 * answer streams NDJSON: `progress` lines while importing, then one `report`
 * (or `error`) line.
 */
export async function POST(request: Request) {
  const query = ZImportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(400, "invalid_parameters", describeZodError(query.error));
  if (!request.body) return apiError(400, "empty_body", "send the file as the request body");

  const upload = await saveUpload(request.body);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const report = await importFile(
          {
            filePath: upload.filePath,
            fileName: query.data.fileName,
            format: query.data.format,
            datasetName: query.data.dataset,
            task: query.data.task,
            kind: query.data.kind,
            strict: query.data.strict,
            importedBy: "web",
          },
          { onProgress: (progress) => send({ type: "progress", ...progress }), signal: request.signal },
        );
        send({ type: "report", report });
      } catch (error) {
        const known = error instanceof UserFacingError || error instanceof z.ZodError;
        if (!known) console.error("import failed", error);
        const message = error instanceof z.ZodError ? describeZodError(error) : known ? (error as Error).message : "the import failed on the server; nothing was stored";
        send({ type: "error", error: { code: known ? "invalid_import" : "internal", message } });
      } finally {
        await upload.remove();
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
