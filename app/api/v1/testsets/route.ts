import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZFlag, ZRepeated } from "@/lib/api/schemas";
import { UserFacingError } from "@/lib/errors";
import { saveUpload } from "@/lib/import/upload";
import { importTestSet, listTestSets } from "@/lib/testsets/import";
import { previewTestRecords } from "@/lib/testsets/read";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ testSets: await listTestSets(actor) }));

const ZQuery = z.object({
  fileName: z.string().trim().min(1, "name the uploaded file").max(255),
  preview: ZFlag,
  name: z.string().optional(),
  task: z.string().optional(),
  field: ZRepeated,
});

/**
 * POST /api/v1/testsets?fileName=F&preview=true: the body is the file; answers
 * the first records and the text fields found, for the field picker.
 * POST /api/v1/testsets?fileName=F&name=N&task=T&field=K[&field=K2]: imports it (201).
 * The scope is checked before the upload is read.
 */
export const POST = apiRoute({ scope: "datasets:import", query: ZQuery }, async ({ request, actor, query }) => {
  if (!request.body) throw new UserFacingError("send the file as the request body");
  const upload = await saveUpload(request.body);
  try {
    if (query.preview) return Response.json(await previewTestRecords(upload.filePath, query.fileName));
    const set = await importTestSet(actor, upload.filePath, { fileName: query.fileName, name: query.name ?? "", task: query.task ?? "", fields: query.field });
    return Response.json(set, { status: 201 });
  } finally {
    await upload.remove();
  }
});
