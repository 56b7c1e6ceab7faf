"use server";

import { revalidatePath } from "next/cache";
import { requireActionActor } from "@/lib/auth/next";
import { deleteDataset } from "@/lib/datasets/delete-dataset";

export async function deleteDatasetAction(form: FormData): Promise<void> {
  const actor = await requireActionActor();
  await deleteDataset(actor, Number(form.get("datasetId")));
  revalidatePath("/");
}
