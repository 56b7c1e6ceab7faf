"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ZFormId } from "@/lib/actions/fields";
import { deleteDataset } from "@/lib/datasets/delete-dataset";

export const deleteDatasetAction = formAction({
  scope: "datasets:delete",
  input: z.object({ datasetId: ZFormId }),
  run: async ({ datasetId }, actor) => {
    await deleteDataset(actor, datasetId);
    revalidatePath("/");
    return { message: "Dataset deleted." };
  },
});
