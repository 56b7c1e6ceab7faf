import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { UserFacingError } from "@/lib/errors";
import { IMPORT_FORMATS } from "@/lib/import/options";
import { previewFile } from "@/lib/import/preview-file";
import { saveUpload } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

const ZPreviewQuery = z.object({
  fileName: z.string().trim().min(1, "name the uploaded file").max(255),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  task: z.string().trim().min(1).optional(),
  kind: z.enum(["agent", "general"]).optional(),
});

/**
 * POST /api/v1/imports/preview?fileName=...: the body is the file (or its first
 * lines); answers its first records as the import would read them. Nothing is
 * stored; the upload is removed when the answer is made.
 */
export const POST = apiRoute({ scope: "datasets:import", query: ZPreviewQuery }, async ({ request, actor, query }) => {
  if (!request.body) throw new UserFacingError("send the file as the request body");
  const upload = await saveUpload(request.body);
  try {
    return Response.json(await previewFile(actor, { filePath: upload.filePath, fileName: query.fileName, format: query.format, task: query.task, kind: query.kind }));
  } finally {
    await upload.remove();
  }
});
