"use server";

import { revalidatePath } from "next/cache";
import { requireActionActor } from "@/lib/auth/next";
import { setSetting } from "@/lib/settings/settings";

export async function reviewSettingsAction(form: FormData): Promise<void> {
  const actor = await requireActionActor();
  await setSetting(actor, "review.requiredReviews", Number(form.get("required")));
  await setSetting(actor, "review.statusRule", String(form.get("rule")));
  revalidatePath("/review/agreement");
}
